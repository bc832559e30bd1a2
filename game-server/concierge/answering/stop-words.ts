/**
 * Words that say nothing about what a customer wants to know. Dropped from questions and
 * articles alike: besides saving work, a stop word left in a question would count as a word
 * the knowledge base cannot match and pull the confidence down for no reason.
 */
export const englishStopWords: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any are as at be because been before being below between both
  but by can could did do does doing done down during each few for from further get got had has have having he
  her here hers him his how i if in into is it its itself just let me might more most my myself no nor not now
  of off on once only or other our ours out over own please same she should so some such than thank thanks that
  the their theirs them then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself hi hello hey tell know want wanna
  need like ok okay much many there's what's how's i'm i'd i'll it's is there anything something thing things
  one ones still really just yeah yes well`
    .split(/\s+/)
    .filter(Boolean),
);

export const chineseStopWords: ReadonlySet<string> = new Set(
  `的 了 吗 没 呢 吧 啊 呀 嘛 哦 嗯 么 我 我们 你 你们 您 他 她 它 是 在 有 和 与 或 这 那 这个 那个 个 一 一下 也 都 就 要
  想 请 请问 问 能 能不能 可以 可不可以 会 怎么 怎么样 怎样 如何 什么 啥 哪 哪个 哪些 吗？ 还 还有 到底 一般 知道 告诉
  谢谢 你好 您好 麻烦 需要 得 地 着 过 把 被 让 给 对 从 用 为 为了 上 下 里 中 呢？ 吧？ 就是 是不是 有没有 没有 多少钱 多少 多久 多长时间`
    .split(/\s+/)
    .filter(Boolean),
);
