/**
 * How much the room may cost to draw, following the hall's rendering preset
 * (`render-quality.ts`): `high` with the environment on every surface, spot lights and sharp
 * textures at grazing angles; `low` for software rendering, without them.
 */
export type SceneQuality = "high" | "low";
