package site

// UI holds every string the templates print that does not come from content,
// in one language.
type UI struct {
	SiteName, SkipToContent, Breadcrumbs, Footer                    string
	SearchLabel, SearchButton, SearchPage, SearchNoScript           string
	Home, Documents, Quizzes, WhatsNew, AllUpdates, NoHistory       string
	TOC, History, LastChanged, InEffect, Enacted, NoRevisionHistory string
	QuizNoScript                                                    string
	LangName                                                        string // the language's own name, for the switch
}

var uiStrings = map[string]*UI{
	"ja": {
		SiteName:          "情報セキュリティポリシー",
		SkipToContent:     "本文へ移動",
		Breadcrumbs:       "現在位置",
		Footer:            "山鹿植木広域行政事務組合　情報セキュリティポリシー（日本語が原文です）",
		SearchLabel:       "サイト内検索",
		SearchButton:      "検索",
		SearchPage:        "検索",
		SearchNoScript:    "検索にはJavaScriptが必要です。目次から各規定をご覧ください。",
		Home:              "ホーム",
		Documents:         "文書",
		Quizzes:           "研修クイズ",
		WhatsNew:          "更新情報",
		AllUpdates:        "すべての更新情報",
		NoHistory:         "改定履歴はまだありません。",
		TOC:               "目次",
		History:           "改定履歴",
		LastChanged:       "最終更新",
		InEffect:          "施行",
		Enacted:           "制定",
		NoRevisionHistory: "改定履歴はありません（このサイトはバージョン管理の記録なしで作成されました）。",
		QuizNoScript:      "クイズにはJavaScriptが必要です。",
		LangName:          "日本語",
	},
	"en": {
		SiteName:          "Information Security Policy",
		SkipToContent:     "Skip to main content",
		Breadcrumbs:       "You are here",
		Footer:            "Yamaga-Ueki Wide-Area Administrative Association — Information Security Policy. The Japanese text is authoritative; the English is a translation for reference.",
		SearchLabel:       "Search this site",
		SearchButton:      "Search",
		SearchPage:        "Search",
		SearchNoScript:    "Search needs JavaScript. Please use the table of contents of each document.",
		Home:              "Home",
		Documents:         "Documents",
		Quizzes:           "Training quizzes",
		WhatsNew:          "What's new",
		AllUpdates:        "All updates",
		NoHistory:         "No revisions yet.",
		TOC:               "Contents",
		History:           "Revision history",
		LastChanged:       "Last changed",
		InEffect:          "in effect from",
		Enacted:           "Enacted",
		NoRevisionHistory: "No revision history is available (this site was built without its version-control record).",
		QuizNoScript:      "The quiz needs JavaScript.",
		LangName:          "English",
	},
}
