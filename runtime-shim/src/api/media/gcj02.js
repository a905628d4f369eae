// miniport runtime: WGS-84 ↔ GCJ-02, the offset datum WeChat's maps use inside mainland China.
// The forward transform is the published Krasovsky-ellipsoid formula; the inverse is found by
// iterating it. Points outside China's bounding box are returned unchanged, as WeChat does.

const A = 6378245.0;
// biome-ignore lint/correctness/noPrecisionLoss: the published constant, as published (the double is the same).
const EE = 0.00669342162296594323;
const { PI, sin, cos, sqrt, abs } = Math;

function outside(lat, lng) {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function waves(x, y, k1, k2) {
  return (
    ((20 * sin(6 * PI * x) + 20 * sin(2 * PI * x)) * 2) / 3
    + ((20 * sin(PI * y) + 40 * sin((PI * y) / 3)) * 2) / 3
    + ((k1 * sin((PI * y) / 12) + k2 * sin((PI * y) / 30)) * 2) / 3
  );
}

function offset(lat, lng) {
  const x = lng - 105;
  const y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x)) + waves(x, y, 160, 320);
  let dLng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x)) + waves(x, x, 150, 300);
  const rad = (lat / 180) * PI;
  const m = 1 - EE * sin(rad) * sin(rad);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (m * sqrt(m))) * PI);
  dLng = (dLng * 180) / ((A / sqrt(m)) * cos(rad) * PI);
  return [dLat, dLng];
}

/**
 * WGS-84 (GPS, Telegram, the browser) to GCJ-02: `{ latitude, longitude }`.
 * @param {number} latitude
 * @param {number} longitude
 * @returns {{ latitude: number, longitude: number }}
 */
export function toGcj02(latitude, longitude) {
  if (outside(latitude, longitude)) return { latitude, longitude };
  const [dLat, dLng] = offset(latitude, longitude);
  return { latitude: latitude + dLat, longitude: longitude + dLng };
}

/**
 * GCJ-02 back to WGS-84, to well under a metre (the forward transform iterated).
 * @param {number} latitude
 * @param {number} longitude
 * @returns {{ latitude: number, longitude: number }}
 */
export function fromGcj02(latitude, longitude) {
  if (outside(latitude, longitude)) return { latitude, longitude };
  let lat = latitude;
  let lng = longitude;
  for (let i = 0; i < 10; i++) {
    const g = toGcj02(lat, lng);
    const eLat = g.latitude - latitude;
    const eLng = g.longitude - longitude;
    lat -= eLat;
    lng -= eLng;
    if (abs(eLat) < 1e-9 && abs(eLng) < 1e-9) break;
  }
  return { latitude: lat, longitude: lng };
}
