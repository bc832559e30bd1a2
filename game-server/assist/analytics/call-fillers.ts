import { stemEnglish } from "../../concierge/answering/english-stemmer.ts";

/**
 * Words a service call is full of that say nothing about its subject: hesitations, politeness,
 * the agent's routine ("calling", "moment", 稍等), time words, numbers and currencies (dates and
 * sums are entities, not topics). The knowledge base's stop words (`stop-words.ts`) are for written questions; these
 * are the spoken ones on top of them. They are neither keywords nor a reason to suggest an
 * article ("Good morning" must not suggest the opening hours).
 */
const english = new Set(
  `um umm uh uhh er erm ah ahh hmm mm mhm oh yeah yep yup nope nah right alright sure sorry actually basically literally
  gonna gotta kinda sorta guess mean think say said says saying go going went gone come came get getting gets call calling
  called today tomorrow yesterday tonight morning afternoon evening week weeks month months year years last next ago name number hear ask asking asked wonder wondering guys bit lot way time times day days thing stuff look looking
  see seen try trying tried make made take took give gave put keep kept help helping good great fine nice moment second
  minute minutes long wait hold line speaking speak talk talking told check checking bye goodbye welcome sir madam ma'am dear
  absolutely definitely certainly perfect wonderful lovely cheers understand understood appreciate happy assist anyway
  maybe probably course able possible let's that's there's here's you're we're they're i've you've we've don't didn't
  can't won't isn't wasn't hello hi hey thanks thank please okay ok yes no whenever wherever whatever also each every same
  another else ever zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million dollar dollars
  cent cents pound pounds pence euro euros yuan bucks quid`
    .split(/\s+/)
    .filter(Boolean),
);
const englishStems: ReadonlySet<string> = new Set([...english].map((w) => stemEnglish(w.replace(/'[a-z]+$/, ""))));

const chinese: ReadonlySet<string> = new Set(
  `那个 这个 就是 然后 嗯 呃 啊 对 对对 对的 好的 好吧 一下 这样 那样 现在 时候 已经 因为 所以 但是 不过 还是 感觉 觉得 应该
  可能 一个 这边 那边 您好 你好 喂 请稍等 稍等 谢谢 谢谢您 不好意思 没事 可以 今天 昨天 明天 后天 刚才 之前 之后 一直 东西 情况
  帮忙 看看 说 告诉 知道 比如 其实 反正 我们 你们 他们 自己 的话 非常 特别 比较 真的 好像 问题 请问 先生 女士 再见 明白 了解
  确认 一共 一些 这里 那里 这么 那么 怎么办 是的 没错 行 好 嗯嗯 哦 哎 唉 您看 我看 这次 上次 不是 还有 帮我 麻烦您 稍后 马上
  抱歉 不便 带来 不能 确实 尽快 号码 手机号 卡号 电话号码 早上好 上午好 下午好 晚上好 上周 下周 本周 这周 上个月 下个月 这个月 今年 去年 明年 周末 早上 上午 中午 下午 晚上`
    .split(/\s+/)
    .filter(Boolean),
);

/** A word said in a call that carries no subject; English words are compared by their stem. */
export function isFiller(word: string): boolean {
  if (/\p{Script=Han}/u.test(word)) return chinese.has(word);
  const lower = word.toLowerCase();
  return english.has(lower) || englishStems.has(stemEnglish(lower.replace(/'[a-z]+$/, "")));
}

/** The same for an index term (`textTerms`: English already stemmed). */
export function isFillerTerm(term: string): boolean {
  return /\p{Script=Han}/u.test(term) ? chinese.has(term) : englishStems.has(term) || english.has(term);
}
