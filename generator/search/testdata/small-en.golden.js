window.PolicySearchIndex=window.PolicySearchIndex||{};
window.PolicySearchIndex.en={"v":1,"lang":"en",
"sections":[
[0,"a.html","文書Ａ","ＵＳＢメモリの持ち出し\u003c/script\u003e\u2028ｶﾞｲﾄﾞ \u0026 \u003cb\u003e"],
[0,"a.html#x","(1) 可用性","必要なときに 中断されることなく 使える。"],
[1,"b.html#y","Policies","Assets and processes."]],
"docs":["文書Ａ","Doc B"],
"terms":{
"0":"a b script usb ち出 の持 イド ガイ メモ モリ リの 出し 持ち 文書",
"1":"1 える きに こと され とき とな なく なと るこ れる 中断 使え 可用 必要 断さ 用性 要な",
"2":"and asset policy process"}};
