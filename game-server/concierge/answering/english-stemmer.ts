/**
 * A light English suffix stripper, so that "batteries", "battery", "charging" and "charge"
 * meet in the index. It is not Porter: it only has to map a question's word and an article's
 * word to the same key, and it does the same to both sides, so a crude key is fine as long as
 * it is consistent and rarely merges unrelated words.
 */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;

  // Plurals and third person: batteries → battery, boxes → box, phones → phone.
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  // Past and progressive: delivered → deliver, shipping → ship, charging → charg(e).
  if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && w.length > 4 && /[aeiouy]/.test(w.slice(0, -2)) && !w.endsWith("eed")) w = undouble(w.slice(0, -2));
  else if (w.endsWith("ing") && w.length > 5 && /[aeiouy]/.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));

  if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  // A final e comes and goes with suffixes (charge, charging): drop it everywhere.
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}
