/** `layers` with `layer` in its place (replacing the one with its id), or added at the end. */
export function withLayer<L extends { id: string }>(layers: readonly L[], layer: L): L[] {
  const index = layers.findIndex((known) => known.id === layer.id);
  return index >= 0 ? layers.with(index, layer) : [...layers, layer];
}
