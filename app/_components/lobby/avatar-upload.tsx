"use client";
import { useState, type ChangeEvent } from "react";
import { validateAvatarGlb } from "../../../avatars/avatar-glb-validator.ts";
import styles from "./lobby.module.css";

type Status =
  | { at: "idle" }
  | { at: "busy"; message: string }
  | { at: "failed"; errors: string[] }
  | { at: "done"; name: string; warnings: string[] };

/**
 * "Upload your own (.glb)": the file is checked here first with the server's own validator, so
 * a wrong file is explained at once without sending megabytes, then stored by `POST
 * /api/avatars`, whose answer (the file's hash) becomes the avatar choice.
 */
export function AvatarUpload({ onUploaded, active }: { onUploaded: (id: string) => void; active: boolean }) {
  const [status, setStatus] = useState<Status>({ at: "idle" });

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again should try again
    if (!file) return;
    setStatus({ at: "busy", message: `Checking ${file.name}…` });
    try {
      const bytes = await file.arrayBuffer();
      const report = validateAvatarGlb(bytes);
      if (!report.ok) return setStatus({ at: "failed", errors: report.errors });
      setStatus({ at: "busy", message: `Uploading ${file.name}…` });
      const response = await fetch("/api/avatars", { method: "POST", headers: { "content-type": "model/gltf-binary" }, body: bytes });
      const body = (await response.json().catch(() => ({}))) as { id?: string; warnings?: string[]; errors?: string[]; error?: string };
      if (!response.ok || !body.id) return setStatus({ at: "failed", errors: body.errors ?? [body.error ?? `The upload failed (${response.status}).`] });
      setStatus({ at: "done", name: file.name, warnings: body.warnings ?? [] });
      onUploaded(body.id);
    } catch (error) {
      setStatus({ at: "failed", errors: [`The upload failed: ${error instanceof Error ? error.message : String(error)}`] });
    }
  };

  return (
    <div className={styles.upload}>
      <label className={styles.uploadButton}>
        {active ? "Upload another (.glb)" : "Upload your own (.glb)"}
        <input type="file" accept=".glb,model/gltf-binary" onChange={upload} disabled={status.at === "busy"} />
      </label>
      <span className={styles.uploadHint}>Ready Player Me compatible, up to 8 MB</span>
      {status.at === "busy" ? <p className={styles.uploadStatus} role="status">{status.message}</p> : null}
      {status.at === "failed" ? (
        <ul className={styles.uploadErrors} role="alert">
          {status.errors.map((e) => <li key={e}>{e}</li>)}
        </ul>
      ) : null}
      {status.at === "done" ? (
        <div className={styles.uploadStatus} role="status">
          <p>Using {status.name}.</p>
          {status.warnings.length > 0 ? <ul className={styles.uploadWarnings}>{status.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
        </div>
      ) : null}
    </div>
  );
}
