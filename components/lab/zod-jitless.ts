import { z } from "zod";

// zod 4 probes whether it may compile fast object parsers with `new Function("")` on the first object
// parse; under the lab's CSP (no 'unsafe-eval', lib/csp.ts) the probe is blocked and reported as a CSP
// violation. jitless skips the probe and uses the interpreted parser, which is plenty for a settings object.
z.config({ jitless: true });
