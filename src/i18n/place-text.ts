import type { Place } from '../classify/classifier.ts';
import { englishSpotName } from '../classify/place.ts';
import { toTraditional } from '../classify/traditional.ts';
import type { Locale } from './catalog.ts';

/** Where Taiwan says it otherwise than a character-for-character conversion would. */
const TAIWAN_SPOT_NAMES: Readonly<Record<string, string>> = {
  中心花园: '中庭花園',
  小区门口: '社區大門',
  地下车库: '地下停車場',
  地面停车场: '平面停車場',
  垃圾站: '垃圾集中區',
  物业办公室: '管理室',
};

/** Spots are stored under their canonical (simplified Chinese) names; readers see them in their language. */
export function spotName(spot: string, locale: Locale): string {
  if (locale === 'zh-TW') return TAIWAN_SPOT_NAMES[spot] ?? toTraditional(spot);
  if (locale === 'en') return englishSpotName(spot) ?? spot;
  return spot;
}

/**
 * A place in words for a locale. The unit (entrance) is shown only with `includeUnit` — to the
 * resident who gave it, never to a group or in the agenda unless the operator opted in.
 */
export function formatPlace(place: Place | null, locale: Locale, options: { includeUnit?: boolean } = {}): string {
  if (!place) return '';
  const parts: string[] = [];
  const letter = place.building !== undefined && /^[A-Z]$/i.test(place.building);
  if (place.building !== undefined) {
    if (locale === 'en') parts.push(letter ? `Block ${place.building}` : `Building ${place.building}`);
    else if (locale === 'zh-TW') parts.push(letter ? `${place.building}棟` : `${place.building}號樓`);
    else parts.push(letter ? `${place.building}座` : `${place.building}号楼`);
  }
  if (options.includeUnit && place.unit !== undefined) {
    if (locale === 'en') parts.push(`entrance ${place.unit}`);
    else if (locale === 'zh-TW') parts.push(`${place.unit}單元`);
    else parts.push(`${place.unit}单元`);
  }
  // "7号楼门口" already names its building: "7号楼 7号楼门口" would say it twice.
  if (
    place.building !== undefined &&
    place.spot !== undefined &&
    new RegExp(`(^|[^0-9A-Za-z])${place.building}\\s*(号楼|號樓|栋|棟|幢|座|楼|樓)`).test(place.spot)
  )
    parts.shift();
  if (place.spot !== undefined) parts.push(spotName(place.spot, locale));
  if (parts.length === 0) return options.includeUnit ? place.text : '';
  return parts.join(locale === 'en' ? ', ' : ' ');
}
