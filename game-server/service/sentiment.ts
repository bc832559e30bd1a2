/**
 * How a customer feels, from a lexicon: enough to notice an upset customer and offer a person
 * early, without a model. English and Chinese words and phrases carry weights (a strong word
 * such as "scam" or 骗子 more than "slow" or 退款, which are also everyday questions); a
 * negation before a word turns it round ("not happy", 不满意), an intensifier ("very", 非常)
 * and shouting (ALL CAPS, "!!!") make it count more. Weights add up and are squashed into
 * -1…1, so one plain negative word is about -0.5 and one mild word stays above the line.
 */
export interface Sentiment {
  /** -1 (upset) … 1 (pleased); 0 when no word of the lexicon is used. */
  score: number;
  /** score ≤ NEGATIVE_AT. */
  negative: boolean;
  /** The words and phrases that counted, as written (with their negation: "not happy", 不满意). */
  words: string[];
}

export const NEGATIVE_AT = -0.3;

const INTENSIFIED = 1.5;
const SHOUTED = 1.5;
const EXCLAIMED = 1.3;
/** A negated pleasant word is nearly as bad as its opposite; a negated bad word only mildly good ("not bad"). */
const NEGATED_POSITIVE = -0.9;
const NEGATED_NEGATIVE = -0.5;

const lexicon = (groups: Array<[number, string]>): Map<string, number> => {
  const map = new Map<string, number>();
  for (const [weight, entries] of groups) {
    for (const entry of entries.split("|").map((e) => e.trim()).filter(Boolean)) {
      map.set(entry, weight);
      // Customers often leave the apostrophe out: "doesnt work", "cant".
      if (entry.includes("'")) map.set(entry.replaceAll("'", ""), weight);
    }
  }
  return map;
};

/** Weight 0 entries block a shorter entry inside them ("no thanks" is not a negated "thanks"). */
const english = lexicon([
  [
    -2,
    `scam|scams|scammed|scammer|scammers|fraud|fraudulent|rip off|ripoff|ripped off|worst|furious|livid|hate|hated|useless|garbage|rubbish|trash|
    pathetic|disgusting|disgrace|disgraceful|unacceptable|outrageous|appalling|sucks|crap|crappy|bullshit|wtf|what the hell|refund now|
    want my money back|money back now|never again|waste of time|waste of money|waste of my time|liar|liars|lied to me|cheated|cheat|
    incompetent|infuriating|fed up|sick of|sick and tired|worthless|shameful|fuck|fucking|shit|shitty|are you kidding|kidding me|never works`,
  ],
  [-1.5, `terrible|awful|horrible|ridiculous|nightmare|is a joke|what a joke|a total joke|an absolute joke|hopeless|stupid|idiots|idiot|rude|not working|doesn't work|does not work|don't work|didn't work|won't work|stopped working|not acceptable|angry`],
  [
    -1,
    `annoyed|annoying|upset|frustrated|frustrating|disappointed|disappointing|disappointment|unhappy|broken|faulty|defective|damaged|
    bad|poor|poorly|unhelpful|complain|complaint|complaining|failed|fails|wrong again|overcharged|charged twice|double charged|
    still waiting|waiting forever|been waiting|waited for hours|ignored|ignoring me|nonsense|dumb|mess|messed up|screwed|screwed up|
    inconvenient|unreliable|unusable|misleading|lies|lie|nobody helps|no one helps|fiasco|worse|crashes|crashed|keeps crashing|
    freezes|frozen|overheating|cracked|leaking|ugh|argh|damn|bloody|dead|want a refund|give me a refund|cancel my order now|
    not happy|not satisfied|can't believe|rubbish service|hell|sad|painful|lousy|mediocre|shoddy|flimsy|overpriced`,
  ],
  [-0.4, `slow|late|delayed|confused|confusing|stuck|lost|missing|fail|failure|error|mistake|wrong|complicated`],
  [-0.3, `problem|problems|issue|issues|refund|refunds|cancel|return it|wait|expensive`],
  [0, `no thanks|no thank you|not sure|no idea|good morning|good afternoon|good evening|good day|good night|how good`],
  [
    1,
    `good|great|excellent|amazing|awesome|fantastic|wonderful|perfect|happy|glad|pleased|satisfied|love|loved|love it|thanks|thank you|
    thank|thx|appreciate|appreciated|helpful|nice|brilliant|lovely|superb|impressive|impressed|fixed|solved|resolved|sorted|
    friendly|polite|patient|professional|pleasure|enjoy|enjoyed|delighted|grateful|wow|beautiful|reliable|worth it|well done|
    good job|great job|no problem|no worries|no complaints|cheers|outstanding|fabulous|terrific|recommend|best|exactly what i needed`,
  ],
  [0.4, `works|worked|working|work|fine|easy|fast|quick|smooth|cool|neat|okay|ok`],
]);

const englishNegators = new Set(
  `not|no|never|don't|doesn't|didn't|isn't|wasn't|aren't|weren't|won't|can't|cannot|couldn't|wouldn't|shouldn't|haven't|hasn't|hadn't|
  ain't|nothing|nobody|hardly|barely|neither|nor|without|dont|doesnt|didnt|isnt|wasnt|arent|werent|cant|couldnt|wouldnt|shouldnt|havent|hasnt`
    .split("|")
    .map((w) => w.trim()),
);
const englishIntensifiers = new Set(["very", "so", "really", "extremely", "totally", "absolutely", "completely", "utterly", "super", "too", "incredibly", "seriously", "truly", "highly", "such", "most"]);
/** Words that start a new clause: a negation does not reach across them ("not bad, but terrible"). */
const englishClause = new Set(["but", "however", "although", "though", "yet"]);

const chinese = lexicon([
  [
    -2,
    `垃圾|骗子|骗人|诈骗|欺诈|气死|气死了|气死我了|受不了|忍无可忍|滚|去死|恶心|坑人|坑爹|黑心|无良|什么破|破玩意|烂透了|太过分|过分了|我要投诉|
    马上退款|立刻退款|立即退款|给我退款|我要退款|退钱|最差|极差|差劲|糟透了|混蛋|无耻|奸商|耍我|忽悠|扯淡|见鬼|愤怒|火大|恼火|崩溃|
    垃圾服务|再也不来|再也不买|浪费时间|浪费我时间|骗钱|太坑|被骗`,
  ],
  [
    -1,
    `生气|太差|很差|真差|好差|超差|差评|失望|投诉|坏了|坏掉|摔坏|没用|不好|不行|不能用|用不了|打不开|开不了机|连不上|充不进电|
    浪费|麻烦死了|烦死了|烦人|烦|讨厌|糟糕|郁闷|无语|离谱|荒唐|可笑|太慢|很慢|慢死了|等了很久|等了半天|等半天|一直等|没人理|没人管|
    不理人|不靠谱|不专业|态度差|态度恶劣|服务差|质量差|质量太差|骗|被坑|上当|后悔|不满|不满意|不爽|难用|难受|卡顿|太卡|很卡|死机|
    毛病|出问题|出了问题|不合理|不公平|不负责|敷衍|推卸|踢皮球|拖延|没收到|搞错|发错|乱收费|多收|乱扣|不值|不划算|没效果|假货|
    山寨|劣质|瑕疵|无法使用|不能退|太吵|搞什么|什么鬼|怎么搞的|有毛病|太烂|很烂|烂|着急|急死了|过分|故障|不像话|闹心|憋屈|委屈`,
  ],
  [-0.4, `怎么回事|还没到|太贵|错了|失败|慢|丢了|损坏|有问题|退货|不明白`],
  [-0.3, `退款|取消|问题很多`],
  [
    0,
    `不好意思|好不好|行不行|满不满意|能不能|对不对|可不可以|要不要|有没有|用不用|会不会|靠不靠谱|值不值|划不划算|方不方便|
    没用过|不用|差不多|慢慢|不客气|好像|最好|只好|正好|刚好|好多|一点也不难`,
  ],
  [
    1,
    `满意|谢谢|谢谢你|感谢|多谢|谢啦|很好|挺好|真好|太好了|非常好|不错|好用|好评|棒|很棒|真棒|太棒了|赞|点赞|喜欢|开心|高兴|完美|
    优秀|专业|耐心|热情|周到|给力|靠谱|放心|解决了|辛苦了|厉害|漂亮|舒服|贴心|及时|惊喜|顺利|有帮助|帮大忙|愉快|好极了|超值|
    流畅|好看|没问题|感激|爱了|实惠|划算|值得|明白了|懂了|清晰|满分|省心|好评如潮`,
  ],
  [0.3, `方便|快速|好的|可以的|行吧|没关系`],
]);

const chineseNegator = /(?:一点也不|一点都不|并不|从不|从没|毫不|绝不|没有|不是|不|没|别)$/u;
const chineseIntensifier = /(?:非常|特别|超级|十分|极其|相当|实在|简直|真的|真是|太过|如此|这么|那么|很|太|真|超|极|好|挺|最|更|巨|贼)$/u;

const maxChinese = Math.max(...[...chinese.keys()].map((k) => k.length));
const maxEnglish = Math.max(...[...english.keys()].map((k) => k.split(" ").length));

interface Hit {
  weight: number;
  /** Where the counted text starts and ends in the input, negation included. */
  start: number;
  end: number;
}

export function sentiment(text: string): Sentiment {
  const normalised = text.replace(/[’‘`]/g, "'");
  const hits = [...englishHits(normalised), ...chineseHits(normalised)].sort((a, b) => a.start - b.start);
  let sum = hits.reduce((total, hit) => total + hit.weight, 0);
  if (/[!！]{2,}/u.test(text)) sum *= EXCLAIMED;
  const score = sum / (Math.abs(sum) + 1);
  return { score, negative: score <= NEGATIVE_AT, words: hits.filter((h) => h.weight !== 0).map((h) => text.slice(h.start, h.end)) };
}

interface Token {
  word: string;
  start: number;
  end: number;
  caps: boolean;
}

function englishHits(text: string): Hit[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[A-Za-z]+(?:'[A-Za-z]+)?/g)) {
    tokens.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length, caps: /^[A-Z]{3,}$/.test(m[0]) });
  }
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  const upper = text.match(/[A-Z]/g)?.length ?? 0;
  const shouting = letters >= 8 && upper / letters >= 0.7;
  /** A clause boundary between token i-1 and token i. */
  const breakBefore = (i: number) => i === 0 || englishClause.has(tokens[i - 1]!.word) || /[,.;:!?()\n]/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));

  const hits: Hit[] = [];
  /** Where the last entry ended: a negation or intensifier is looked for after it, not inside it. */
  let free = 0;
  for (let i = 0; i < tokens.length; ) {
    let length = 0;
    let weight = 0;
    for (let n = Math.min(maxEnglish, tokens.length - i); n > 0; n--) {
      const phrase = tokens
        .slice(i, i + n)
        .map((t) => t.word)
        .join(" ");
      const w = english.get(phrase);
      if (w !== undefined && (n === 1 || !hasBreak(i, n))) {
        length = n;
        weight = w;
        break;
      }
    }
    if (length === 0) {
      i++;
      continue;
    }
    let start = tokens[i]!.start;
    const end = tokens[i + length - 1]!.end;
    if (weight !== 0) {
      // Look back within the clause: a negation up to 3 words before, an intensifier up to 2.
      let negatedAt = -1;
      let intensified = false;
      for (let k = i - 1, steps = 1; k >= free && steps <= 3 && !breakBefore(k + 1); k--, steps++) {
        if (negatedAt < 0 && englishNegators.has(tokens[k]!.word) && !englishNegators.has(tokens[i]!.word)) negatedAt = k;
        if (steps <= 2 && englishIntensifiers.has(tokens[k]!.word)) intensified = true;
      }
      if (negatedAt >= 0) {
        weight *= weight > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
        start = tokens[negatedAt]!.start;
      } else if (intensified) {
        weight *= INTENSIFIED;
      }
      if (shouting || tokens.slice(i, i + length).some((t) => t.caps)) weight *= SHOUTED;
    }
    hits.push({ weight, start, end });
    i += length;
    free = i;
  }
  return hits;

  function hasBreak(i: number, n: number): boolean {
    for (let k = i + 1; k < i + n; k++) if (/[,.;:!?()\n]/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) return true;
    return false;
  }
}

function chineseHits(text: string): Hit[] {
  const hits: Hit[] = [];
  let free = 0;
  for (let p = 0; p < text.length; ) {
    let length = 0;
    let weight = 0;
    for (let n = Math.min(maxChinese, text.length - p); n > 0; n--) {
      const w = chinese.get(text.slice(p, p + n));
      if (w !== undefined) {
        length = n;
        weight = w;
        break;
      }
    }
    if (length === 0) {
      p++;
      continue;
    }
    let start = p;
    if (weight !== 0) {
      // Just before the word: an intensifier (很失望), a negation (不满意), or both (很不满意,
      // which counts more; 不太满意, where the intensifier only softens the negation).
      let k = p;
      const inner = chineseIntensifier.exec(text.slice(Math.max(free, k - 2), k));
      if (inner) k -= inner[0].length;
      const negation = chineseNegator.exec(text.slice(Math.max(free, k - 4), k));
      const negatorAt = negation ? k - negation[0].length : -1;
      // 有没有 / 满不满意 / 是不是 ask a question (A-not-A); they negate nothing.
      const question = negation !== null && negatorAt > 0 && text[negatorAt - 1] === text[negatorAt + 1];
      if (negation && !question) {
        weight *= weight > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
        start = negatorAt;
        if (chineseIntensifier.test(text.slice(Math.max(free, negatorAt - 2), negatorAt))) weight *= INTENSIFIED;
      } else if (inner) {
        weight *= INTENSIFIED;
      }
    }
    hits.push({ weight, start, end: p + length });
    p += length;
    free = p;
  }
  return hits;
}
