/**
 * How the Instances view draws its rows (the setting greenApi.instancesView.density):
 * comfortable rows show every detail; compact rows are one line each, their details in the
 * name's tooltip and for screen readers, their icon actions shown on hover and focus.
 */
export const ROW_DENSITIES = ['comfortable', 'compact'] as const;
export type RowDensity = (typeof ROW_DENSITIES)[number];

/** A setting's or a message's value read back: a known density, else comfortable. */
export function parseRowDensity(value: unknown): RowDensity {
  return value === 'compact' ? 'compact' : 'comfortable';
}
