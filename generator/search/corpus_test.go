package search

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
)

// policyCorpus makes the sections of a synthetic policy site in lang ("ja"
// or "en"): docs documents of about fourteen sections, each a few lines of
// the sentences local-government security policies are made of, with tables,
// lists and cross-references. 500 documents give about 7 MB of Japanese or
// 6 MB of English section text, the size of the corpus the site build is
// benchmarked with. The same seed gives the same sections.
func policyCorpus(lang string, docs int, seed uint64) []Section {
	v := corpusWords[lang]
	rng := rand.New(rand.NewPCG(seed, 0))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var secs []Section
	for d := 1; d <= docs; d++ {
		href := fmt.Sprintf("doc-%04d.html", d)
		title := fmt.Sprintf(v.docTitle, pick(v.topics), pick(v.kinds), d)
		secs = append(secs, Section{URL: href, DocTitle: title, Title: title, Text: fmt.Sprintf(v.summary, pick(v.topics))})
		for h := 1; h <= 4+rng.IntN(4); h++ {
			heading := fmt.Sprintf("%d %s", h, pick(v.headings))
			secs = append(secs, Section{URL: fmt.Sprintf("%s#h-%d", href, h), DocTitle: title, Title: heading, Text: corpusText(rng, v, pick)})
			for s := 1; s <= rng.IntN(5); s++ {
				sub := fmt.Sprintf(v.subHeading, s, pick(v.objects))
				secs = append(secs, Section{URL: fmt.Sprintf("%s#h-%d-%d", href, h, s), DocTitle: title, Title: sub, Text: corpusText(rng, v, pick)})
			}
		}
	}
	return secs
}

// corpusText is one section's text: paragraphs of sentences, one per line as
// in the Markdown source, blocks joined by a newline as site joins them.
func corpusText(rng *rand.Rand, v corpusVocabulary, pick func([]string) string) string {
	var b strings.Builder
	for p := range 2 + rng.IntN(3) {
		if p > 0 {
			b.WriteByte('\n')
		}
		switch rng.IntN(12) {
		case 0: // a table, as the text of its cells
			for _, row := range v.table {
				b.WriteString(row)
				b.WriteString(pick(v.subjects))
				b.WriteByte('\n')
			}
			continue
		case 1:
			fmt.Fprintf(&b, v.reference, pick(v.topics), pick(v.kinds), 1+rng.IntN(999))
			b.WriteByte('\n')
			continue
		}
		for range 1 + rng.IntN(3) {
			if rng.IntN(4) > 0 {
				b.WriteString(pick(v.conditions))
			}
			fmt.Fprintf(&b, pick(v.predicates), pick(v.subjects), pick(v.objects))
			b.WriteByte('\n')
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

type corpusVocabulary struct {
	docTitle, summary, subHeading, reference string
	topics, kinds, headings                  []string
	conditions, subjects, objects            []string
	predicates                               []string // format strings of subject, then object
	table                                    []string
}

var corpusWords = map[string]corpusVocabulary{
	"ja": {
		docTitle:   "%sに関する%s（第%d号）",
		summary:    "%sについて定める。",
		subHeading: "(%d) %sの取扱い",
		reference:  "詳細は、%sに関する%s（第%d号）に定める。",
		topics:     []string{"端末の持出し", "研修の実施", "特定個人情報の取扱い", "情報セキュリティ監査", "情報セキュリティインシデントへの対応", "ソフトウェアの導入", "外部委託", "バックアップ", "パスワードの管理", "サーバ室の入退室", "外部記録媒体の取扱い", "電子メールの利用", "庁舎内ネットワークの利用", "クラウドサービスの利用", "情報資産の管理"},
		kinds:      []string{"規程", "基準", "要領", "実施手順"},
		headings:   []string{"目的", "適用範囲", "定義", "管理体制", "情報資産の分類", "人的セキュリティ", "物理的セキュリティ", "技術的セキュリティ", "アクセス制御", "運用", "外部委託", "ログの管理", "教育及び訓練", "違反時の対応", "評価及び見直し"},
		conditions: []string{"新たに情報システムを導入するときは、", "前項の規定にかかわらず、", "業務上必要がある場合に限り、", "情報セキュリティインシデントが発生した場合は、", "年度の初めには、", "情報資産を庁舎外に持ち出すときは、", "異動又は退職の際には、", "外部委託を行う際には、", "重要性分類Ⅱ以上の情報を取り扱うときは、", "緊急を要する場合には、"},
		subjects:   []string{"ネットワーク管理者", "統括情報セキュリティ責任者", "情報セキュリティ責任者", "外部委託事業者", "職員等", "最高情報セキュリティ責任者（CISO）", "情報セキュリティ委員会", "個人番号利用事務実施者", "各課室の長", "情報セキュリティ監査統括責任者", "情報システム管理者", "課室情報セキュリティ責任者"},
		objects:    []string{"バックアップデータ", "業務用端末", "アクセスログ", "サーバ室の入退室記録", "クラウドサービスの利用状況", "緊急時の連絡体制", "外部記録媒体", "委託先の管理体制", "ネットワーク構成図", "パスワード及び認証情報", "情報システムの利用者ＩＤ", "特定個人情報", "所管する情報資産", "電子メールの送受信記録", "ソフトウェアの更新状況", "重要性分類Ⅱ以上の情報", "ＵＳＢメモリ", "ﾏｲﾅﾝﾊﾞｰ"},
		predicates: []string{"%sは、%sに関する手順を定め、職員等に周知しなければならない。", "%sは、%sについて定期的に点検しなければならない。", "%sは、%sを暗号化する等の措置を講じなければならない。", "%sは、%sを施錠可能な場所に保管しなければならない。", "%sは、%sの利用を必要最小限に制限するものとする。", "%sは、%sの取扱いについて、あらかじめ承認を得なければならない。", "%sは、%sの一覧を作成し、最新の状態に保たなければならない。", "%sは、%sについて年一回以上見直すものとする。", "%sは、%sを業務以外の目的に使用してはならない。", "%sは、%sに異常を認めたときは、速やかに報告しなければならない。", "%sは、%sを適切に管理しなければならない。", "%sは、%sを記録し、三年間保存しなければならない。"},
		table:      []string{"区分 対象となる情報 管理責任者\n", "重要性分類Ⅰ 個人情報及び特定個人情報を含む情報 ", "重要性分類Ⅱ 公開前の政策決定に関する情報 ", "重要性分類Ⅲ 内部の事務連絡に用いる情報 ", "重要性分類Ⅳ 公開済みの情報 "},
	},
	"en": {
		docTitle:   "%s: %s (No. %d)",
		summary:    "Sets out the rules on %s.",
		subHeading: "(%d) Handling of %s",
		reference:  "The details are set out in the %s %s (No. %d).",
		topics:     []string{"taking terminals out of the office", "training", "handling specific personal information", "information security audits", "responding to information security incidents", "installing software", "outsourcing", "backups", "managing passwords", "entering the server room", "handling removable media", "using e-mail", "using the office network", "using cloud services", "managing information assets"},
		kinds:      []string{"Regulation", "Standard", "Guidelines", "Procedures"},
		headings:   []string{"Purpose", "Scope", "Definitions", "Management arrangements", "Classification of information assets", "Human security", "Physical security", "Technical security", "Access control", "Operations", "Outsourcing", "Managing logs", "Education and training", "Response to violations", "Evaluation and review"},
		conditions: []string{"When a new information system is introduced, ", "Notwithstanding the preceding paragraph, ", "Only where the work requires it, ", "When an information security incident occurs, ", "At the start of each fiscal year, ", "When information assets are taken out of the office, ", "On transfer or retirement, ", "When work is outsourced, ", "When information classified as level II or above is handled, ", "In an emergency, "},
		subjects:   []string{"the network administrator", "the general information security officer", "the information security officer", "the contractor", "all staff", "the chief information security officer (CISO)", "the information security committee", "each officer handling My Number", "the head of each section", "the chief audit officer", "the system administrator", "each section security officer"},
		objects:    []string{"backup data", "work terminals", "access logs", "the entry records of the server room", "the use of cloud services", "the emergency contact arrangements", "removable media", "the contractor's management arrangements", "the network diagrams", "passwords and other credentials", "the user IDs of information systems", "specific personal information", "the information assets under their responsibility", "the records of e-mail sent and received", "the update status of software", "information classified as level II or above", "USB memory sticks", "policies and processes"},
		predicates: []string{"%s shall set procedures for %s and make them known to all staff.", "%s shall inspect %s regularly.", "%s shall protect %s by encryption or equivalent measures.", "%s shall keep %s in a place that can be locked.", "%s shall restrict the use of %s to the minimum necessary.", "%s shall obtain approval in advance before handling %s.", "%s shall keep an up-to-date list of %s.", "%s shall review %s at least once a year.", "%s shall not use %s for any purpose other than their work.", "%s shall report without delay any irregularity found in %s.", "%s shall manage %s appropriately.", "%s shall record %s and keep the records for three years."},
		table:      []string{"Class Information covered Responsible\n", "Class I Information including personal information ", "Class II Information on policy decisions not yet public ", "Class III Information used for internal business ", "Class IV Information already public "},
	},
}

// oddFragments are the pieces of text most likely to show a difference
// between two builders: everything Normalize folds, everything JSON escapes,
// separators, and text that is not UTF-8.
var oddFragments = []string{
	"ｶﾞｲﾄﾞﾗｲﾝ", "ﾊﾟｽﾜｰﾄﾞ", "ｳﾞｨ", "ﾞ", "ﾟ", "｢ﾏｲﾅﾝﾊﾞｰ｣､｡･", "ハ\u3099ス\u309Aは\u309A", "カﾞ", "か\u3099",
	"ＵＳＢメモリ", "（１）", "ＡＢＣ１２３！？", "　", "\u00a0", "\u2003", "\ufeff", "\u1680", "\u0085",
	"e\u0301", "n\u0303o", "\u0300", "Ä", "ÉTÉ", "ΣΟΦΙΑ", "Привет", "İ", "ẞ", "Ⅻ", "ﬁ",
	"🔒", "👨‍👩‍👧", "🇯🇵", "❤️", "𠮷野家", "々〆〇", "①②", "■→", "ー", "・", "゠",
	"\xff", "\xc3", "\xe3\x81", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
	"\u2028", "\u2029", "\x00", "\x01", "\x1f", "\x7f", "\u0080", "\u009f",
	"</script>", "<!--", "<b>", "&amp;", "\"", "\\", "'", "/", "\t", "\n", "\r\n", "\v\f", "  ",
	"policies", "assets", "processes", "status", "analysis", "its", "ies", "sses", "us", "is", "s",
	"可用性", "情報セキュリティ", "USB", "2024", "a", "系",
}

// oddSections makes n sections of random odd text: fragments of
// oddFragments and random code points, with documents and titles that
// repeat so that docs and posting lists are shared.
func oddSections(n int, seed uint64) []Section {
	rng := rand.New(rand.NewPCG(seed, 1))
	text := func(max int) string {
		var b strings.Builder
		for range rng.IntN(max + 1) {
			switch rng.IntN(4) {
			case 0:
				b.WriteRune(rune(rng.IntN(0x30000))) // surrogates come out as U+FFFD
			case 1:
				b.WriteRune(rune(0x3000 + rng.IntN(0x100))) // kana and CJK punctuation
			default:
				b.WriteString(oddFragments[rng.IntN(len(oddFragments))])
			}
		}
		return b.String()
	}
	secs := make([]Section, n)
	for i := range secs {
		secs[i] = Section{
			URL:      fmt.Sprintf("doc-%d.html#%s", i/3, url.PathEscape(fmt.Sprint(i, text(2)))),
			DocTitle: text(2) + fmt.Sprint(i/3%7),
			Title:    text(4),
			Text:     text(40),
		}
	}
	return secs
}
