/** Server-wide key/value settings that must outlive a restart (e.g. the generated token secret). */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  /** Sets or overwrites the value; resolves once it is durable. */
  set(key: string, value: string): Promise<void>;
}
