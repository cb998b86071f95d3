/** Countries, US states and a few regions: capitalised names that are places, not speakers. */
export const PLACES: ReadonlySet<string> = new Set(
  (
    'afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium ' +
    'bolivia bosnia brazil bulgaria cambodia cameroon canada chile china colombia congo croatia cuba cyprus ' +
    'czech denmark ecuador egypt england estonia ethiopia europe finland france georgia germany ghana greece ' +
    'guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan ' +
    'jordan kazakhstan kenya korea kosovo kuwait latvia lebanon libya lithuania luxembourg malaysia mexico ' +
    'moldova mongolia morocco myanmar nepal netherlands nicaragua niger nigeria norway pakistan palestine panama ' +
    'paraguay peru philippines poland portugal qatar romania russia rwanda scotland serbia singapore slovakia ' +
    'slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey ' +
    'uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia america ' +
    'americas antarctica arctic caribbean alabama alaska arizona arkansas california colorado connecticut ' +
    'delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland ' +
    'massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon ' +
    'pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming london paris berlin moscow ' +
    'beijing tokyo brussels baghdad kabul tehran jerusalem damascus chicago boston houston dallas atlanta ' +
    'miami denver seattle philadelphia detroit baltimore manhattan brooklyn hollywood'
  ).split(/\s+/),
);

/** Multi-word place names, lower-cased. */
export const PLACE_PHRASES: ReadonlySet<string> = new Set([
  'united states',
  'united kingdom',
  'new york',
  'new jersey',
  'new mexico',
  'new hampshire',
  'north carolina',
  'south carolina',
  'north dakota',
  'south dakota',
  'west virginia',
  'rhode island',
  'los angeles',
  'san francisco',
  'new york city',
  'washington d.c.',
  'middle east',
  'latin america',
  'south america',
  'north america',
  'silicon valley',
]);
