package quiz

import "policysite/generator/wareki"

// ui is every text quiz.js shows, in one language. The script has no text
// of its own, so a wording change is made here and in no other place.
// Placeholders in braces are filled by the script: {n} questions asked,
// {total} questions in the quiz, {i} position, {c} correct answers, {p}
// percent, {m} pass mark, {a} questions answered so far, {date} and {rev}
// a revision's date and short hash. The date format and the era table are
// generator/wareki's (Style, embedded), the ones the site's pages use.
type ui struct {
	wareki.Style
	TrainingNote       string   `json:"trainingNote"`
	HowItWorks         string   `json:"howItWorks"`
	QuestionCount      string   `json:"questionCount"`
	QuestionCountDrawn string   `json:"questionCountDrawn"`
	PassMark           string   `json:"passMark"`
	Start              string   `json:"start"`
	Restart            string   `json:"restart"`
	Resumed            string   `json:"resumed"`
	StorageOff         string   `json:"storageOff"`
	Progress           string   `json:"progress"`
	HintSingle         string   `json:"hintSingle"`
	HintMultiple       string   `json:"hintMultiple"`
	HintTrueFalse      string   `json:"hintTrueFalse"`
	Submit             string   `json:"submit"`
	NeedAnswer         string   `json:"needAnswer"`
	Right              string   `json:"right"`
	Wrong              string   `json:"wrong"`
	MarkCorrectChosen  string   `json:"markCorrectChosen"`
	MarkCorrectMissed  string   `json:"markCorrectMissed"`
	MarkWrongChosen    string   `json:"markWrongChosen"`
	Explanation        string   `json:"explanation"`
	Related            string   `json:"related"`
	Next               string   `json:"next"`
	Finish             string   `json:"finish"`
	ResultHeading      string   `json:"resultHeading"`
	Score              string   `json:"score"`
	Passed             string   `json:"passed"`
	Failed             string   `json:"failed"`
	ReviewHeading      string   `json:"reviewHeading"`
	ReviewRight        string   `json:"reviewRight"`
	ReviewWrong        string   `json:"reviewWrong"`
	Retake             string   `json:"retake"`
	NameLabel          string   `json:"nameLabel"`
	NameHint           string   `json:"nameHint"`
	DownloadJSON       string   `json:"downloadJSON"`
	DownloadCSV        string   `json:"downloadCSV"`
	CertHeading        string   `json:"certHeading"`
	CertTitle          string   `json:"certTitle"`
	CertNameSuffix     string   `json:"certNameSuffix"`
	CertBody           string   `json:"certBody"`
	CertQuiz           string   `json:"certQuiz"`
	CertDate           string   `json:"certDate"`
	CertScore          string   `json:"certScore"`
	CertScoreValue     string   `json:"certScoreValue"`
	QuizRevision       string   `json:"quizRevision"`
	PolicyRevision     string   `json:"policyRevision"`
	Unknown            string   `json:"unknown"`
	CertNote           string   `json:"certNote"`
	CertPrint          string   `json:"certPrint"`
	CSVHeaders         []string `json:"csvHeaders"`
	ResultPass         string   `json:"resultPass"`
	ResultFail         string   `json:"resultFail"`
	Broken             string   `json:"broken"`
	LMSConnected       string   `json:"lmsConnected"`
	ConfirmTitle       string   `json:"confirmTitle"`
	ConfirmBody        string   `json:"confirmBody"`
	ConfirmYes         string   `json:"confirmYes"`
	ConfirmNo          string   `json:"confirmNo"`
	RetrainHeading     string   `json:"retrainHeading"`
	RetrainPassed      string   `json:"retrainPassed"`
	RetrainComparison  string   `json:"retrainComparison"`
	RetrainOffer       string   `json:"retrainOffer"`
	RetrainStart       string   `json:"retrainStart"`
	Scope              string   `json:"scope"`
	ScopeFull          string   `json:"scopeFull"`
	ScopeRetrain       string   `json:"scopeRetrain"`
}

// PageText is what the quiz page itself says, outside the script: the
// training officer's SCORM package.
type PageText struct {
	OfficerHeading, SCORMLink, SCORMNote string
}

// Page returns the page texts in lang ("ja" or "en"; anything else gets English).
func Page(lang string) PageText {
	if lang == "ja" {
		return PageText{
			OfficerHeading: "研修担当者の方へ",
			SCORMLink:      "SCORM 1.2 パッケージ（LMS 登録用）",
			SCORMNote:      "Moodle などの学習管理システム（LMS）に SCORM 1.2 パッケージとして登録すると、受講者ごとの合否、得点、所要時間と各問の正誤が LMS に記録されます。内容はこのページのクイズと同じです。",
		}
	}
	return PageText{
		OfficerHeading: "For training officers",
		SCORMLink:      "SCORM 1.2 package (for an LMS)",
		SCORMNote:      "Add it to Moodle or another learning management system (LMS) as a SCORM 1.2 package: each learner’s pass or fail, score, time taken and the result of every question are then recorded in the LMS. The quiz is the same as on this page.",
	}
}

var uiStrings = map[string]*ui{
	"ja": {
		Style:              wareki.For("ja"),
		TrainingNote:       "これは研修です。試験ではありません。間違えても解説を読んで学べば大丈夫です。何度でも受け直せます。",
		HowItWorks:         "1問ずつ回答してください。回答するたびに正解・不正解と解説、関連する規定へのリンクが表示されます。途中経過はこのブラウザに保存され、再読み込みしても続きから再開できます。",
		QuestionCount:      "問題数: {n}問",
		QuestionCountDrawn: "問題数: {n}問（全{total}問から毎回無作為に出題）",
		PassMark:           "合格ライン: 正答率{m}%以上",
		Start:              "開始する",
		Restart:            "最初からやり直す",
		Resumed:            "前回の続きから再開しています。",
		StorageOff:         "このブラウザでは途中経過を保存できません。ページを再読み込みすると最初からになります。",
		Progress:           "問{i} / {n}",
		HintSingle:         "正しいものを1つ選んでください。",
		HintMultiple:       "正しいものをすべて選んでください（1つとは限りません）。",
		HintTrueFalse:      "この記述が正しいか誤りかを選んでください。",
		Submit:             "回答する",
		NeedAnswer:         "選択肢を選んでから「回答する」を押してください。",
		Right:              "○ 正解です。",
		Wrong:              "✕ 不正解です。",
		MarkCorrectChosen:  "○ 正解（あなたの回答）",
		MarkCorrectMissed:  "○ 正解（選ばれていません）",
		MarkWrongChosen:    "✕ 誤り（あなたの回答）",
		Explanation:        "解説",
		Related:            "関連する規定: ",
		Next:               "次の問題へ",
		Finish:             "結果を見る",
		ResultHeading:      "結果",
		Score:              "{n}問中{c}問正解（正答率{p}%）",
		Passed:             "○ 合格です（合格ライン {m}%）。",
		Failed:             "✕ 今回は合格ライン（{m}%）に届きませんでした。解説と規定を読み返して、もう一度挑戦してください。",
		ReviewHeading:      "振り返り",
		ReviewRight:        "○ 正解",
		ReviewWrong:        "✕ 不正解",
		Retake:             "もう一度受ける",
		NameLabel:          "氏名",
		NameHint:           "修了証と保存する結果に記載されます。入力した氏名はこのブラウザの外には送信されません。",
		DownloadJSON:       "結果を保存（JSON）",
		DownloadCSV:        "結果を保存（CSV、Excel用）",
		CertHeading:        "修了証",
		CertTitle:          "修了証",
		CertNameSuffix:     " 殿",
		CertBody:           "あなたは下記の研修を修了したことを証します。",
		CertQuiz:           "研修名",
		CertDate:           "修了日",
		CertScore:          "得点",
		CertScoreValue:     "{n}問中{c}問正解（正答率{p}%）",
		QuizRevision:       "研修の版",
		PolicyRevision:     "規程の版",
		Unknown:            "不明",
		CertNote:           "この修了証は受講者のブラウザで作成されたものです。",
		CertPrint:          "修了証を印刷",
		CSVHeaders:         []string{"研修", "言語", "氏名", "実施日", "範囲", "正解数", "問題数", "正答率(%)", "合格ライン(%)", "結果", "研修の版（日付）", "研修の版（コミット）", "規程の版（日付）", "規程の版（コミット）", "不正解の問題"},
		ResultPass:         "合格",
		ResultFail:         "不合格",
		Broken:             "この問題のデータを読み取れませんでした。ページを再読み込みしてください。",
		LMSConnected:       "この研修の結果（合否、得点、各問の正誤）は学習管理システム（LMS）に記録されます。",
		ConfirmTitle:       "最初からやり直しますか？",
		ConfirmBody:        "これまでの回答（{a}問分）は破棄され、元に戻せません。",
		ConfirmYes:         "回答を破棄してやり直す",
		ConfirmNo:          "やめて続きに戻る",
		RetrainHeading:     "規程が改定されました",
		RetrainPassed:      "あなたは{date}の版（{rev}）で合格しています。その後、この研修の問題が扱う次の規定が改定されました。",
		RetrainComparison:  "新旧対照表（{date}改定）",
		RetrainOffer:       "改定された規定についての問題だけ（{n}問）を受けて、改定内容を確認できます。",
		RetrainStart:       "改定箇所の問題を受ける（{n}問）",
		Scope:              "範囲",
		ScopeFull:          "全体",
		ScopeRetrain:       "改定箇所の再研修（{n}問）",
	},
	"en": {
		Style:              wareki.For("en"),
		TrainingNote:       "This is training, not an exam. If you get an answer wrong, read the explanation and learn from it. You can take it as many times as you like.",
		HowItWorks:         "Answer one question at a time. After each answer you see whether it was right, an explanation and a link to the relevant provision. Your progress is kept in this browser, so you can reload the page and carry on.",
		QuestionCount:      "Questions: {n}",
		QuestionCountDrawn: "Questions: {n} (drawn at random from {total} each time)",
		PassMark:           "Pass mark: {m}% correct",
		Start:              "Start",
		Restart:            "Start again",
		Resumed:            "You are continuing where you left off.",
		StorageOff:         "This browser cannot keep your progress. If you reload the page you will start again.",
		Progress:           "Question {i} of {n}",
		HintSingle:         "Choose one answer.",
		HintMultiple:       "Choose every correct answer (there may be more than one).",
		HintTrueFalse:      "Is this statement true or false?",
		Submit:             "Submit answer",
		NeedAnswer:         "Choose an answer, then press “Submit answer”.",
		Right:              "✓ Correct.",
		Wrong:              "✗ Incorrect.",
		MarkCorrectChosen:  "✓ Correct (your answer)",
		MarkCorrectMissed:  "✓ Correct (not chosen)",
		MarkWrongChosen:    "✗ Wrong (your answer)",
		Explanation:        "Explanation",
		Related:            "Related provision: ",
		Next:               "Next question",
		Finish:             "See your result",
		ResultHeading:      "Result",
		Score:              "{c} of {n} correct ({p}%)",
		Passed:             "✓ Passed (pass mark {m}%).",
		Failed:             "✗ Not passed this time (pass mark {m}%). Read the explanations and the policy again, then try once more.",
		ReviewHeading:      "Review",
		ReviewRight:        "✓ Correct",
		ReviewWrong:        "✗ Incorrect",
		Retake:             "Take it again",
		NameLabel:          "Name",
		NameHint:           "Shown on the certificate and in the result you save. Your name is not sent anywhere outside this browser.",
		DownloadJSON:       "Save result (JSON)",
		DownloadCSV:        "Save result (CSV for Excel)",
		CertHeading:        "Certificate of completion",
		CertTitle:          "Certificate of completion",
		CertNameSuffix:     "",
		CertBody:           "This is to certify that the person named above has completed the training below.",
		CertQuiz:           "Training",
		CertDate:           "Date",
		CertScore:          "Score",
		CertScoreValue:     "{c} of {n} correct ({p}%)",
		QuizRevision:       "Quiz revision",
		PolicyRevision:     "Policy revision",
		Unknown:            "unknown",
		CertNote:           "This certificate was produced in the learner’s browser.",
		CertPrint:          "Print certificate",
		CSVHeaders:         []string{"Quiz", "Language", "Name", "Date", "Scope", "Correct", "Questions", "Percent", "Pass mark (%)", "Result", "Quiz revision (date)", "Quiz revision (commit)", "Policy revision (date)", "Policy revision (commit)", "Questions answered wrongly"},
		ResultPass:         "Passed",
		ResultFail:         "Not passed",
		Broken:             "The data of this question could not be read. Please reload the page.",
		LMSConnected:       "Your result (pass or fail, score and each answer) is recorded in the learning management system (LMS).",
		ConfirmTitle:       "Start again from the beginning?",
		ConfirmBody:        "Your answers so far ({a}) will be discarded. This cannot be undone.",
		ConfirmYes:         "Discard my answers and start again",
		ConfirmNo:          "Cancel and carry on",
		RetrainHeading:     "The policy has been revised",
		RetrainPassed:      "You passed on the version of {date} ({rev}). Since then, these provisions that the quiz asks about have been revised:",
		RetrainComparison:  "Comparison (revised {date})",
		RetrainOffer:       "You can take just the questions on the revised provisions ({n}) to go over the changes.",
		RetrainStart:       "Take the questions on the changes ({n})",
		Scope:              "Scope",
		ScopeFull:          "Whole quiz",
		ScopeRetrain:       "Re-training on the revised provisions ({n} questions)",
	},
}
