package search

import "encoding/json"

// ScriptUI is every text search.js shows, in one language, and the width
// of its snippets. The script has no text of its own: the search page
// carries this as JSON (<script type="application/json" id="search-ui">),
// so a wording is changed here and in no other place. Placeholders in
// braces are filled by the script: {q} the query as typed, {n} the number
// of results; in Relaxed, {results} is Results (or ResultsOne) for the
// relaxed query.
type ScriptUI struct {
	Width      int    `json:"width"` // snippet width in characters
	Loading    string `json:"loading"`
	Empty      string `json:"empty"`
	Error      string `json:"error"`
	Results    string `json:"results"`
	ResultsOne string `json:"resultsOne"`
	None       string `json:"none"`
	Relaxed    string `json:"relaxed"`
}

var scriptUI = map[string]ScriptUI{
	"ja": {
		Width:      80,
		Loading:    "検索の準備をしています…",
		Empty:      "検索語を入力してください。",
		Error:      "検索インデックスを読み込めませんでした。",
		Results:    "「{q}」の検索結果: {n}件",
		ResultsOne: "「{q}」の検索結果: {n}件",
		None:       "「{q}」に一致する箇所は見つかりませんでした。語を短くするか、別の言い方で検索してください。なお、情報セキュリティ実施手順などの詳細な手順は非公開で、このサイトには掲載していません。",
		Relaxed:    "「{q}」に完全に一致する箇所はありませんでした。{results}",
	},
	"en": {
		Width:      160,
		Loading:    "Preparing the search…",
		Empty:      "Enter a search term.",
		Error:      "The search index could not be loaded.",
		Results:    "{n} results for “{q}”",
		ResultsOne: "{n} result for “{q}”",
		None:       "No results for “{q}”. Try fewer or different words. Detailed procedures (the information security implementation procedures) are not public and are not published on this site.",
		Relaxed:    "No exact results for “{q}”. {results}:",
	},
}

// UI returns the texts of search.js in lang ("ja" or "en").
func UI(lang string) ScriptUI { return scriptUI[lang] }

// UIJSON is UI(lang) as the JSON the search page carries.
func UIJSON(lang string) []byte {
	b, err := json.Marshal(UI(lang))
	if err != nil {
		panic(err) // a struct of strings always marshals
	}
	return b
}
