import { z } from 'zod';

// zod compiles object parsers with `new Function` when it may; the Content Security Policy
// allows no eval, so every attempt would be a violation report. Parse without it.
z.config({ jitless: true });
