import type { Lang } from "../_i18n/lang.ts";
import styles from "./staff.module.css";
import { fill, staffText } from "./staff-text.ts";

/**
 * A customer rating as five stars (a fraction rounds to the nearest half, drawn as a half-filled
 * star), read aloud as "4.5 out of 5 stars"; "—" with "not rated" for no rating.
 */
export function Stars({ score, lang }: { score: number | null; lang: Lang }) {
  const t = staffText[lang];
  if (score === null) {
    return (
      <span className={styles.noStars} title={t.noRating}>
        <span aria-hidden>{t.dash}</span>
        <span className="visually-hidden">{t.noRating}</span>
      </span>
    );
  }
  const halves = Math.round(Math.min(5, Math.max(0, score)) * 2);
  const label = fill(t.stars, { n: Number.isInteger(score) ? score : score.toFixed(1) });
  return (
    <span className={styles.stars} role="img" aria-label={label} title={label}>
      {[0, 1, 2, 3, 4].map((i) => {
        const fillState = halves >= (i + 1) * 2 ? "full" : halves === i * 2 + 1 ? "half" : "empty";
        return (
          <span key={i} className={styles.star} data-fill={fillState} aria-hidden>
            ★
          </span>
        );
      })}
    </span>
  );
}
