/**
 * The lab's URL ⇄ state, on top of lib/lab's settings table: `?preset=<id>` starts from that preset's
 * settings, and any explicit setting in the URL wins over it (so a shared link means exactly its run).
 */
import {
  DEFAULT_LAB_SETTINGS,
  isLabPresetId,
  LAB_PRESET_TABLE,
  LAB_SETTINGS,
  labSettingsToSearchParams,
  parseLabSettings,
  type LabPresetId,
  type LabSettingKey,
  type LabSettings,
} from "@/lib/lab/shared";

export interface LabUrlState {
  settings: LabSettings;
  presetId: LabPresetId | null;
  /** One message per setting the URL got wrong (those fall back to the preset's or default value). */
  errors: string[];
}

export function labStateFromSearchParams(params: URLSearchParams): LabUrlState {
  const rawPreset = params.get("preset");
  const presetId = isLabPresetId(rawPreset) ? rawPreset : null;
  const start: LabSettings = presetId ? LAB_PRESET_TABLE[presetId].settings : DEFAULT_LAB_SETTINGS;
  const parsed = parseLabSettings(params);
  const settings = { ...start } as Record<LabSettingKey, unknown>;
  for (const key of Object.keys(LAB_SETTINGS) as LabSettingKey[]) {
    if (params.has(key) && !(!parsed.ok && parsed.fieldErrors[key])) settings[key] = parsed.data[key];
  }
  const errors = parsed.ok ? [] : Object.values(parsed.fieldErrors);
  if (rawPreset !== null && !presetId) errors.push(`Unknown preset "${rawPreset}"`);
  return { settings: settings as LabSettings, presetId, errors };
}

/** The lab URL for these settings; every setting is written so the link survives changed defaults. */
export function labHref(settings: LabSettings, presetId: LabPresetId | null): string {
  const params = labSettingsToSearchParams(settings);
  if (presetId) params.set("preset", presetId);
  return `/lab?${params.toString()}`;
}
