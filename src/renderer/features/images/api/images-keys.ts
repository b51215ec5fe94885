/** Query keys of the images feature, general to specific. */
export const imagesKeys = {
  all: ['images'] as const,
  list: () => [...imagesKeys.all, 'list'] as const,
  diskUsage: () => [...imagesKeys.all, 'disk-usage'] as const,
};
