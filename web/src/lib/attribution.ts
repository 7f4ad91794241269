// The licence of the shipped places (GeoNames, CC BY 4.0) asks to name them. The names are kept
// in the web app as well as in GET /api/v1/site, so that the footer and the map credit them even
// offline, before or without the site settings.
export const placesSource = {
  name: 'GeoNames',
  url: 'https://www.geonames.org/',
  license: 'CC BY 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
} as const;
