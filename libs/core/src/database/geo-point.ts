import type { Point } from 'typeorm';

/** A WGS84 point as GeoJSON, which is how TypeORM reads and writes PostGIS `geography(Point)`. */
export type GeoPoint = Point;

export function geoPoint(lat: number, lng: number): GeoPoint {
  if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)) {
    throw new RangeError(`Not a WGS84 coordinate: ${lat}, ${lng}`);
  }
  return { type: 'Point', coordinates: [lng, lat] };
}
