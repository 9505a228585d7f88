/**
 * A compact public-suffix check for spotting host names in free text: the last label of a name is a suffix when
 * it is a country-code TLD (every ISO 3166 code in the root zone, plus `uk`, `eu`, `su`, `ac`), one of the common
 * generic TLDs below, a punycode TLD (`xn--…`), or a special-use name that threat data uses for hosts
 * (`onion`, `local`, `internal`, and the documentation names `example`, `test`, `invalid`, `localhost`).
 * Two-level suffixes (`co.uk`, `com.au`) are covered by their last label. It is not the full Public Suffix
 * List on purpose: no dependency, no update chore, and a missed rare TLD only means a name in a sentence is
 * left as typed (URLs, `www.` hosts, IP addresses and emails are defanged whatever their TLD).
 */

const COUNTRY_CODES =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk ' +
  'fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir ' +
  'is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ' +
  'ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl ' +
  'pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc ' +
  'td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw';

const GENERIC =
  'com net org info biz name pro mobi asia tel travel jobs aero coop museum cat post xxx gov edu mil int arpa ' +
  'app dev page web site online website space host link click live life world today news blog cloud email ' +
  'top xyz club shop store tech fun icu vip win bid loan loans work date download review stream trade racing ' +
  'party science men kim country gdn cyou sbs buzz monster rest bar quest lol wang ren zip mov fyi ltd llc inc ' +
  'group company business agency digital network systems solutions services support center media studio ' +
  'design art global best law finance money bank capital exchange market trading crypto bet casino poker ' +
  'games game play run fit health care legal tube video photo pics cam love dating red blue pink black gold ' +
  'wine beer cafe delivery direct deals sale shopping gift cards credit insurance tax cab car auto bike hotel ' +
  'holiday tours city town land house homes estate zone team social chat forum community tools software ' +
  'codes computer technology wiki guru expert ninja rocks cool wtf tokyo london berlin paris nyc moscow ' +
  'onion local internal example test invalid localhost';

const SUFFIXES: ReadonlySet<string> = new Set(`${COUNTRY_CODES} ${GENERIC}`.split(' '));

/**
 * True when `text.slice(start, end)` (a host name's last label, any case) is a public suffix by the rule above.
 * Takes a range so the scanner need not slice unless the label could be one.
 */
export function isPublicSuffixAt(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 2 || length > 63) return false;
  const label = text.slice(start, end).toLowerCase();
  return SUFFIXES.has(label) || (label.startsWith('xn--') && length > 4);
}

/** True when `label` (e.g. `com`, `UK`, `onion`) is a public suffix by the rule above. */
export function isPublicSuffix(label: string): boolean {
  return isPublicSuffixAt(label, 0, label.length);
}
