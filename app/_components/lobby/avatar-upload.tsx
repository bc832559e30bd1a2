"use client";
import { useState, type ChangeEvent } from "react";
import { validateAvatarGlb } from "../../../avatars/avatar-glb-validator.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { fillWords as fill } from "../hud/service-words.ts";
import styles from "./lobby.module.css";
import { LOBBY_WORDS } from "./lobby-words.ts";

/**
 * Kept as what happened rather than as a sentence, so a language switch rewords it. `errors`
 * are the validator's or the server's own words about the file (English only for now).
 */
type Status =
  | { at: "idle" }
  | { at: "busy"; step: "checking" | "uploading"; file: string }
  | { at: "failed"; errors: string[] }
  | { at: "broken"; status?: number; error?: string }
  | { at: "done"; name: string; warnings: string[] };

/**
 * "Upload your own (.glb)": the file is checked here first with the server's own validator, so
 * a wrong file is explained at once without sending megabytes, then stored by `POST
 * /api/avatars`, whose answer (the file's hash) becomes the avatar choice.
 */
export function AvatarUpload({ onUploaded, active, lang }: { onUploaded: (id: string) => void; active: boolean; lang: Lang }) {
  const [status, setStatus] = useState<Status>({ at: "idle" });
  const w = LOBBY_WORDS[lang];

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again should try again
    if (!file) return;
    setStatus({ at: "busy", step: "checking", file: file.name });
    try {
      const bytes = await file.arrayBuffer();
      const report = validateAvatarGlb(bytes);
      if (!report.ok) return setStatus({ at: "failed", errors: report.errors });
      setStatus({ at: "busy", step: "uploading", file: file.name });
      const response = await fetch("/api/avatars", { method: "POST", headers: { "content-type": "model/gltf-binary" }, body: bytes });
      const body = (await response.json().catch(() => ({}))) as { id?: string; warnings?: string[]; errors?: string[]; error?: string };
      if (!response.ok || !body.id) return setStatus(body.errors ? { at: "failed", errors: body.errors } : body.error ? { at: "failed", errors: [body.error] } : { at: "broken", status: response.status });
      setStatus({ at: "done", name: file.name, warnings: body.warnings ?? [] });
      onUploaded(body.id);
    } catch (error) {
      setStatus({ at: "broken", error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className={styles.upload}>
      <label className={styles.uploadButton}>
        {active ? w.uploadAnother : w.upload}
        <input type="file" accept=".glb,model/gltf-binary" onChange={upload} disabled={status.at === "busy"} />
      </label>
      <span className={styles.uploadHint}>{w.uploadHint}</span>
      {status.at === "busy" ? <p className={styles.uploadStatus} role="status">{fill(status.step === "checking" ? w.checking : w.uploading, { file: status.file })}</p> : null}
      {status.at === "failed" || status.at === "broken" ? (
        <ul className={styles.uploadErrors} role="alert">
          {status.at === "failed" ? status.errors.map((e) => <li key={e}>{e}</li>) : <li>{status.error === undefined ? fill(w.uploadFailed, { status: status.status ?? "" }) : fill(w.uploadBroke, { error: status.error })}</li>}
        </ul>
      ) : null}
      {status.at === "done" ? (
        <div className={styles.uploadStatus} role="status">
          <p>{fill(w.using, { file: status.name })}</p>
          {status.warnings.length > 0 ? <ul className={styles.uploadWarnings}>{status.warnings.map((warning) => <li key={warning}>{warning}</li>)}</ul> : null}
        </div>
      ) : null}
    </div>
  );
}
