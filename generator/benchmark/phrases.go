package main

// The vocabulary of the synthetic corpus. Japanese and English lists run in
// parallel (item i of one is the translation of item i of the other), so a
// sentence drawn with the same indices reads as a translation: what a real
// policy site looks like, even though the benchmark does not need it to.

// A sentence is [condition] subject は、object + duty。 / [Condition,] subject duty(object).
var (
	jaConditions = []string{
		"",
		"",
		"情報セキュリティインシデントが発生した場合は、",
		"業務上必要がある場合に限り、",
		"情報資産を庁舎外に持ち出すときは、",
		"外部委託を行う際には、",
		"異動又は退職の際には、",
		"新たに情報システムを導入するときは、",
		"前項の規定にかかわらず、",
		"緊急を要する場合には、",
		"重要性分類Ⅱ以上の情報を取り扱うときは、",
		"年度の初めには、",
	}
	enConditions = []string{
		"",
		"",
		"When an information security incident occurs, ",
		"Only where the work requires it, ",
		"When information assets are taken out of the office, ",
		"When work is outsourced, ",
		"On transfer or retirement, ",
		"When a new information system is introduced, ",
		"Notwithstanding the preceding paragraph, ",
		"In an emergency, ",
		"When information classified as level II or above is handled, ",
		"At the start of each fiscal year, ",
	}

	jaSubjects = []string{
		"最高情報セキュリティ責任者（CISO）",
		"統括情報セキュリティ責任者",
		"情報セキュリティ責任者",
		"課室情報セキュリティ責任者",
		"情報システム管理者",
		"ネットワーク管理者",
		"職員等",
		"外部委託事業者",
		"情報セキュリティ委員会",
		"情報セキュリティ監査統括責任者",
		"個人番号利用事務実施者",
		"各課室の長",
	}
	enSubjects = []string{
		"the chief information security officer (CISO)",
		"the general information security officer",
		"the information security officer",
		"each section security officer",
		"the system administrator",
		"the network administrator",
		"all staff",
		"the contractor",
		"the information security committee",
		"the chief audit officer",
		"each officer handling My Number",
		"the head of each section",
	}

	jaObjects = []string{
		"所管する情報資産",
		"重要性分類Ⅱ以上の情報",
		"情報システムの利用者ＩＤ",
		"パスワード及び認証情報",
		"外部記録媒体",
		"業務用端末",
		"サーバ室の入退室記録",
		"アクセスログ",
		"特定個人情報",
		"委託先の管理体制",
		"バックアップデータ",
		"緊急時の連絡体制",
		"ソフトウェアの更新状況",
		"ネットワーク構成図",
		"電子メールの送受信記録",
		"クラウドサービスの利用状況",
	}
	enObjects = []string{
		"the information assets under their responsibility",
		"information classified as level II or above",
		"the user IDs of information systems",
		"passwords and other credentials",
		"removable media",
		"work terminals",
		"the entry records of the server room",
		"access logs",
		"specific personal information",
		"the contractor's management arrangements",
		"backup data",
		"the emergency contact arrangements",
		"the update status of software",
		"the network diagrams",
		"the records of e-mail sent and received",
		"the use of cloud services",
	}

	// Duties: the Japanese follows the object, the English takes it at %s.
	jaDuties = []string{
		"を適切に管理しなければならない",
		"について定期的に点検しなければならない",
		"を記録し、三年間保存しなければならない",
		"の取扱いについて、あらかじめ承認を得なければならない",
		"に異常を認めたときは、速やかに報告しなければならない",
		"に関する手順を定め、職員等に周知しなければならない",
		"を施錠可能な場所に保管しなければならない",
		"の利用を必要最小限に制限するものとする",
		"について年一回以上見直すものとする",
		"を暗号化する等の措置を講じなければならない",
		"の一覧を作成し、最新の状態に保たなければならない",
		"を業務以外の目的に使用してはならない",
	}
	enDuties = []string{
		"shall manage %s appropriately",
		"shall inspect %s regularly",
		"shall record %s and keep the records for three years",
		"shall obtain approval in advance before handling %s",
		"shall report without delay any irregularity found in %s",
		"shall set procedures for %s and make them known to all staff",
		"shall keep %s in a place that can be locked",
		"shall restrict the use of %s to the minimum necessary",
		"shall review %s at least once a year",
		"shall protect %s by encryption or equivalent measures",
		"shall keep an up-to-date list of %s",
		"shall not use %s for any purpose other than their work",
	}

	// Definitions: この規程において「term」とは、meaningをいう。
	jaTerms = []string{"情報資産", "機密性", "完全性", "可用性", "情報システム", "ネットワーク",
		"情報セキュリティインシデント", "外部記録媒体", "職員等", "特定個人情報"}
	enTerms = []string{"information assets", "confidentiality", "integrity", "availability", "information system", "network",
		"information security incident", "removable media", "staff", "specific personal information"}
	jaMeanings = []string{
		"情報を取り扱う全ての機器及び記録媒体並びにそれらに記録された情報",
		"情報にアクセスすることを認められた者だけが、情報にアクセスできる状態を確保すること",
		"情報が破壊、改ざん又は消去されていない状態を確保すること",
		"情報にアクセスすることを認められた者が、必要なときに中断されることなく情報にアクセスできる状態を確保すること",
		"コンピュータ、ネットワーク及び記録媒体で構成され、情報処理を行う仕組み",
		"コンピュータ等を相互に接続するための通信網及びその構成機器",
		"情報資産の機密性、完全性又は可用性を損なうおそれのある事象",
		"ＵＳＢメモリ、光ディスクその他の持ち運びのできる記録媒体",
		"本組合の職員、会計年度任用職員及び派遣労働者",
		"個人番号をその内容に含む個人情報",
	}
	enMeanings = []string{
		"all equipment and media that handle information, and the information recorded in them",
		"ensuring that only those authorised to access information can access it",
		"ensuring that information has not been destroyed, altered or erased",
		"ensuring that those authorised to access information can access it without interruption when they need it",
		"a system of computers, networks and media that processes information",
		"the communication lines connecting computers and the equipment that makes them up",
		"an event that may impair the confidentiality, integrity or availability of information assets",
		"USB memory, optical discs and other portable media",
		"the Association's staff, fiscal-year appointees and dispatched workers",
		"personal information that contains an individual number",
	}

	jaHeadings = []string{"目的", "適用範囲", "定義", "管理体制", "情報資産の分類", "物理的セキュリティ",
		"人的セキュリティ", "技術的セキュリティ", "運用", "外部委託", "評価及び見直し", "例外措置",
		"違反時の対応", "緊急時対応", "教育及び訓練", "アクセス制御", "不正プログラム対策", "ログの管理"}
	enHeadings = []string{"Purpose", "Scope", "Definitions", "Organisation", "Classification of information assets", "Physical security",
		"Human security", "Technical security", "Operation", "Outsourcing", "Evaluation and review", "Exceptions",
		"Breaches", "Emergency response", "Education and training", "Access control", "Protection against malicious software", "Log management"}

	jaTopics = []string{"情報資産の管理", "庁舎内ネットワークの利用", "外部記録媒体の取扱い", "パスワードの管理",
		"外部委託", "情報セキュリティインシデントへの対応", "特定個人情報の取扱い", "端末の持出し",
		"クラウドサービスの利用", "電子メールの利用", "サーバ室の入退室", "バックアップ", "ソフトウェアの導入",
		"情報セキュリティ監査", "研修の実施"}
	enTopics = []string{"the management of information assets", "the use of the internal network", "the handling of removable media", "password management",
		"outsourcing", "responding to information security incidents", "the handling of specific personal information", "taking terminals out of the office",
		"the use of cloud services", "the use of e-mail", "entry to the server room", "backups", "installing software",
		"information security audits", "training"}
	jaKinds = []string{"規程", "基準", "実施手順", "要領"}
	enKinds = []string{"Regulation", "Standard", "Procedure", "Guideline"}

	jaBodies = []string{"山鹿植木広域行政事務組合", "情報セキュリティ委員会", "総務課"}
	enBodies = []string{"Yamaga Ueki Regional Administrative Association", "Information Security Committee", "General Affairs Section"}

	jaClasses  = []string{"重要性分類Ⅰ", "重要性分類Ⅱ", "重要性分類Ⅲ", "重要性分類Ⅳ"}
	enClasses  = []string{"Level I", "Level II", "Level III", "Level IV"}
	jaHandling = []string{"個人情報及び特定個人情報を含む情報", "公開前の政策決定に関する情報", "内部の事務連絡に用いる情報", "公開済みの情報"}
	enHandling = []string{"information containing personal and specific personal information", "information on policy decisions not yet published", "information used for internal communication", "information already published"}
)
