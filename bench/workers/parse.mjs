// Parse speed: parseOssError over the shared fixtures, beside what an app would otherwise run, and over
// each class of document (flat, nested, CDATA, comments, entities, malformed) beside ali-oss's xml2js.
// Every implementation gets its own loop function (so no call site is shared and turned megamorphic),
// each sample runs a whole set several times, and rounds rotate the order of all of them. Then the worst
// hostile 64 KiB bodies, one at a time.
import { parseOssError } from '@oss-errors/core';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import xml2js from 'xml2js';
import { documentClasses, hostileBodies } from '../lib/documents.mjs';
import { importFastXmlParser } from '../lib/fast-xml-parser.mjs';
import { forDuration, runMain, say } from '../lib/worker.mjs';

const ROUNDS = Number(process.argv[2] ?? 40);
const SAMPLE_MS = Number(process.argv[3] ?? 20);
const WARMUP_MS = 400;

const { XMLParser } = await importFastXmlParser();

// (a) ali-oss (lib/common/utils/parseXML.js + the error construction in its client): xml2js.parseString
// with these options, then Code, Message, RequestId, HostId and EC read off the result. xml2js calls back
// synchronously (async: false is its default), and on some errors twice: only the first call counts.
const ALI_OSS_OPTIONS = { explicitRoot: false, explicitArray: false };
function aliOss(body) {
  let info;
  let settled = false;
  xml2js.parseString(body, ALI_OSS_OPTIONS, (error, result) => {
    if (settled) return;
    settled = true;
    if (error || result === null || typeof result !== 'object') return;
    info = {
      code: result.Code,
      message: result.Message,
      requestId: result.RequestId,
      hostId: result.HostId,
      ec: result.EC,
    };
  });
  return info;
}

// (b) fast-xml-parser alone: default options, one parser for every body.
const defaultParser = new XMLParser();
function fastXmlParserAlone(body) {
  try {
    const error = defaultParser.parse(body)?.Error;
    return error === undefined ? undefined : { code: error.Code, requestId: error.RequestId };
  } catch {
    return undefined;
  }
}

// (c) the lower bound: indexOf to the text of <Code> and of <RequestId>, nothing else.
function textOf(body, open, close) {
  const start = body.indexOf(open);
  if (start < 0) return undefined;
  const end = body.indexOf(close, start + open.length);
  return end < 0 ? undefined : body.slice(start + open.length, end);
}
function lowerBound(body) {
  const code = textOf(body, '<Code>', '</Code>');
  return code === undefined ? undefined : { code, requestId: textOf(body, '<RequestId>', '</RequestId>') };
}

function loopOurs(responses, reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < responses.length; i++) sink += parseOssError(responses[i])?.code.length ?? 0;
  }
  return sink;
}
function loopAliOss(bodies, reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < bodies.length; i++) sink += aliOss(bodies[i]) === undefined ? 0 : 1;
  }
  return sink;
}
function loopFastXmlParser(bodies, reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < bodies.length; i++) sink += fastXmlParserAlone(bodies[i]) === undefined ? 0 : 1;
  }
  return sink;
}
/** The median time of parsing `response` alone, in ms, over `runs` runs, after a full collection. */
function timeOne(response, runs) {
  // Garbage of what ran before (the rounds, the previous body) must not be collected on this body's time.
  globalThis.gc?.();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    parseOssError(response);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function loopLowerBound(bodies, reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < bodies.length; i++) sink += lowerBound(bodies[i])?.code.length ?? 0;
  }
  return sink;
}

runMain(async () => {
  const fixtures = loadOssFixtures();
  // What an adapter hands the core: status, headers, body (a few fixtures have none: HEAD, x-oss-err).
  const responses = fixtures.map(({ status, headers, body }) => ({ status, headers, body }));
  // The competitors only read XML bodies, so they get those (JSON bodies and empty ones are left out),
  // and parseOssError is timed over the very same responses too: that pair gives the ratio.
  const xmlResponses = responses.filter((response) => response.body.trimStart().startsWith('<'));
  const xmlBodies = xmlResponses.map((response) => response.body);

  const hasCode = (value) => typeof value?.code === 'string' && value.code !== '';
  const impls = [
    {
      key: 'ours-all',
      label: 'parseOssError, every fixture',
      inputs: responses,
      loop: loopOurs,
      parsed: responses.filter((r) => parseOssError(r) !== undefined).length,
    },
    {
      key: 'ours-xml',
      label: 'parseOssError, XML fixtures',
      inputs: xmlResponses,
      loop: loopOurs,
      parsed: xmlResponses.filter((r) => parseOssError(r)?.source === 'body').length,
    },
    {
      key: 'ali-oss',
      label: '(a) ali-oss: xml2js',
      inputs: xmlBodies,
      loop: loopAliOss,
      parsed: xmlBodies.filter((b) => hasCode(aliOss(b))).length,
    },
    {
      key: 'fxp',
      label: '(b) fast-xml-parser alone',
      inputs: xmlBodies,
      loop: loopFastXmlParser,
      parsed: xmlBodies.filter((b) => hasCode(fastXmlParserAlone(b))).length,
    },
    {
      key: 'lower-bound',
      label: '(c) indexOf lower bound',
      inputs: xmlBodies,
      loop: loopLowerBound,
      parsed: xmlBodies.filter((b) => hasCode(lowerBound(b))).length,
    },
    ...Object.entries(documentClasses(fixtures)).flatMap(([name, bodies]) => {
      // As the adapters call it, on a 403 with the request id header OSS always sends.
      const responses = bodies.map((body) => ({ status: 403, headers: { 'x-oss-request-id': 'R' }, body }));
      return [
        {
          key: `ours-${name}`,
          label: `parseOssError, ${name}`,
          inputs: responses,
          loop: loopOurs,
          parsed: responses.filter((r) => parseOssError(r)?.source === 'body').length,
        },
        {
          key: `ali-oss-${name}`,
          label: `${name}: ali-oss's xml2js`,
          inputs: bodies,
          loop: loopAliOss,
          parsed: bodies.filter((b) => hasCode(aliOss(b))).length,
        },
      ];
    }),
  ];

  // Warm-up, and how many passes over its set make one sample of about SAMPLE_MS for each.
  let sink = 0;
  for (const impl of impls) {
    let calls = 0;
    const start = performance.now();
    await forDuration(WARMUP_MS, () => {
      sink += impl.loop(impl.inputs, 1);
      calls += impl.inputs.length;
    });
    const nsPerCall = ((performance.now() - start) * 1e6) / calls;
    impl.reps = Math.max(1, Math.ceil((SAMPLE_MS * 1e6) / (nsPerCall * impl.inputs.length)));
    impl.samples = [];
  }
  say(`warm; ${ROUNDS} rounds of about ${SAMPLE_MS} ms per implementation`);

  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < impls.length; k++) {
      const impl = impls[(round + k) % impls.length];
      const start = process.hrtime.bigint();
      sink += impl.loop(impl.inputs, impl.reps);
      const ns = Number(process.hrtime.bigint() - start);
      impl.samples.push(ns / (impl.reps * impl.inputs.length));
    }
  }

  // Hostile bodies, one at a time, with the code warm from the rounds above.
  const hostile = Object.entries(hostileBodies()).map(([label, { body, headers = {} }]) => {
    const response = { status: 403, headers, body };
    // Long enough for the JIT to settle on this input (a body of unusual markup first runs unoptimized
    // code: up to 3 times as long for its first few runs).
    timeOne(response, 40);
    return { label, ms: timeOne(response, 21) };
  });
  say(`${hostile.length} hostile bodies timed`);

  return {
    sink,
    classes: Object.keys(documentClasses(fixtures)),
    hostile,
    fixtures: fixtures.length,
    withBody: responses.filter((r) => r.body !== '').length,
    xml: xmlBodies.length,
    impls: impls.map(({ key, label, inputs, parsed, samples }) => ({
      key,
      label,
      inputs: inputs.length,
      parsed,
      samples,
    })),
  };
});
