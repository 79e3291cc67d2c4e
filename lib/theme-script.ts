/**
 * Runs before first paint to apply the stored theme (light/dark/system) and avoid a flash.
 * A constant, so the CSP can allow it by hash on nonce-protected pages (lib/csp.ts).
 * THEME_SCRIPT_SHA256 is checked against this text by lib/theme-script.test.ts.
 */
export const THEME_STORAGE_KEY = "layerwise-theme";

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||((!t||t==="system")&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}})();`;

export const THEME_SCRIPT_SHA256 = "sha256-rmLTheSF+basZ4IgfnrshWz3Gd+K6jToe2YskdtiPuU=";
