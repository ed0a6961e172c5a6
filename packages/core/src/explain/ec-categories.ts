// The categories of OSS's fine-grained error codes: the first four digits of an EC (`0026-00000001`) name
// one. Names as on the OSS "EC error codes" documentation page (https://help.aliyun.com/zh/oss/support/error-codes,
// sections 01-INTERNAL_ERROR to 61-SECURITY), each with a few plain words. For the person reading `explain`
// only: nothing branches on an EC or its category.
const CATEGORIES: Readonly<Record<string, string>> = {
  '01': 'INTERNAL_ERROR: errors inside OSS',
  '02': 'AUTH: authentication and signatures',
  '03': 'ACCESS_CONTROL: access control (policies, ACLs)',
  '04': 'QOS: throttling and quotas',
  '05': 'ENCRYPT: encryption',
  '06': 'POST_OBJECT: form uploads (PostObject)',
  '07': 'CALLBACK: upload callbacks',
  '10': 'TAG: tags',
  '11': 'UMETA: user metadata',
  '12': 'VERSION: versioning',
  '13': 'STORAGE_CLASS: storage classes',
  '14': 'LIFECYCLE: lifecycle rules',
  '15': 'BUCKET: buckets',
  '16': 'OBJECT: objects',
  '17': 'REQUEST: the request itself',
  '18': 'CNAME: custom domain names',
  '19': 'WEBSITE: static website hosting',
  '20': 'INVENTORY: bucket inventory',
  '21': 'SERVICE: service-level operations',
  '24': 'DATA_LAKE: data lake',
  '25': 'CLOUDBOX: CloudBox',
  '26': 'FS: file system and objects',
  '27': 'WORM: retention policies',
  '28': 'ACCELERATION: transfer acceleration',
  '30': 'POLICY: bucket policies',
  '31': 'REPLICATION: replication',
  '32': 'LOGGING: access logging',
  '33': 'REFERER: hotlink protection',
  '34': 'CORS: cross-origin resource sharing',
  '35': 'REQUEST_PAYMENT: pay-by-requester',
  '36': 'ACCESS_MONITOR: access tracking',
  '37': 'META_QUERY: data indexing',
  '38': 'DDOS: anti-DDoS protection',
  '39': 'RESOURCE_GROUP: resource groups',
  '40': 'IMAGE: image processing',
  '41': 'MIRROR: mirroring-based back-to-origin',
  '42': 'MULTIPART: multipart upload',
  '43': 'SYMLINK: symbolic links',
  '44': 'LIVE_CHANNEL: LiveChannel streaming',
  '46': 'LOG_FIELD: log fields',
  '48': 'FORCE_DOWNLOAD: forced download',
  '53': 'VIDEO: video processing',
  '56': 'IMM: Intelligent Media Management',
  '61': 'SECURITY: security',
};

/**
 * The category an EC belongs to, as `26-FS: file system and objects`, or `undefined` for an EC that is not
 * `00NN-…` or whose category is not on the list.
 *
 * @example
 * ecCategory('0002-00000040'); // '02-AUTH: authentication and signatures'
 */
export function ecCategory(ec: string): string | undefined {
  const prefix = /^00(\d\d)-\d+$/.exec(ec.trim())?.[1];
  const name = prefix === undefined || !Object.hasOwn(CATEGORIES, prefix) ? undefined : CATEGORIES[prefix];
  return name === undefined ? undefined : `${prefix}-${name}`;
}

/** Every category, by its two-digit number: for the tests and the README. */
export const EC_CATEGORIES: Readonly<Record<string, string>> = CATEGORIES;
