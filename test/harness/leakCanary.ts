/**
 * Distinctive secrets for the leak test: if either shows up anywhere outside the secret
 * storage, something leaked. The phone number must never appear unmasked in a log.
 */
export const CANARY_TOKEN = 'leakcanary7f3e9a1c5b2d4680ace13579bdf02468ace1357';
export const CANARY_WRONG_TOKEN = 'leakcanarywrong0f1e2d3c4b5a69788796a5b4c3d2e1f0';
// A number the numbering plan validates (the plan's own GB mobile example): fictional ranges such as 07700 900xxx are refused now.
export const CANARY_PHONE = '447400123456';
export const CANARY_PARTNER_TOKEN = 'leakcanarypartner5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b';
