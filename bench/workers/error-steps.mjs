// The error path step by step, inside real failed requests (error-path-steps.mjs runs it): an axios client
// whose response interceptor does what @oss-errors/axios-interceptor does to a failed request, one step at
// a time from the adapter building blocks, timing each step there; a plain client beside it for the time a
// failed request takes without the plugin; and the parse timed again in a hot loop on the same response.
// With STAND_IN=1 the steps after the parse work on a stand-in object and leave axios's error as it was:
// what they add outside themselves is then not the enriched error being dearer to handle.

import { parseOssError } from '@oss-errors/core';
import {
  appendOssDescription,
  brandOssError,
  defineLogSafeInspect,
  defineLogSafeToJSON,
  hideFields,
  rewriteLogSafeStack,
} from '@oss-errors/core/adapter';
import axios from 'axios';
import { keepAliveAgent } from '../lib/clients.mjs';
import { burst, forDuration, runMain } from '../lib/worker.mjs';

const [origin, rounds, perRound, concurrency, fixture] = process.argv.slice(2);
const STAND_IN = process.env.STAND_IN === '1';
const url = `${origin}/fixture/${fixture}`;

const STEPS = [
  "V8 formats the stack (axios's Axios#request reads err.stack right after the interceptors anyway)",
  'parseOssError (status, headers, body, method, URL)',
  'brand: err.oss and the brand symbol',
  'the message: axios words + OSS description, masked',
  'hide config, request, response, cause (non-enumerable)',
  'toJSON and inspect hooks',
  'the stack: message swapped, non-frame lines masked',
];

runMain(async () => {
  const agent = keepAliveAgent(Number(concurrency));
  const plain = axios.create({ httpAgent: agent });
  const stepped = axios.create({ httpAgent: agent });
  const spent = new Float64Array(STEPS.length);
  let counting = false;
  let lastResponse;
  const view = { omit: ['config', 'request', 'response'], raw: 'err.config, err.request, err.response' };
  stepped.interceptors.response.use(undefined, (error) => {
    const marks = [process.hrtime.bigint()];
    const mark = () => marks.push(process.hrtime.bigint());
    void error.stack;
    mark();
    const { response, config } = error;
    lastResponse = {
      status: response.status,
      headers: response.headers,
      body: response.data,
      method: config.method,
      url: config.url,
    };
    const details = parseOssError(lastResponse);
    mark();
    const target = STAND_IN
      ? { message: error.message, stack: error.stack, config, request: 1, response }
      : error;
    brandOssError(target, details);
    mark();
    const before = target.message;
    const after = appendOssDescription(before, details);
    target.message = after;
    mark();
    hideFields(target, ['config', 'request', 'response', 'cause']);
    mark();
    defineLogSafeToJSON(target, () => ({ message: target.message, oss: details }));
    defineLogSafeInspect(target, details, view);
    mark();
    rewriteLogSafeStack(target, before, after);
    mark();
    if (counting) for (let i = 0; i < STEPS.length; i++) spent[i] += Number(marks[i + 1] - marks[i]);
    return Promise.reject(error);
  });
  const request = (client) => async () => {
    try {
      await client.get(url);
    } catch {
      return;
    }
    throw new Error(`${url} did not fail`);
  };
  const [plainRequest, steppedRequest] = [request(plain), request(stepped)];
  await forDuration(1500, async () => {
    await burst(plainRequest, 200, Number(concurrency));
    await burst(steppedRequest, 200, Number(concurrency));
  });
  const plainUs = [];
  const steppedUs = [];
  let counted = 0;
  for (let round = 0; round < Number(rounds); round++) {
    plainUs.push(1e6 / (await burst(plainRequest, Number(perRound), Number(concurrency))).rps);
    counting = true;
    steppedUs.push(1e6 / (await burst(steppedRequest, Number(perRound), Number(concurrency))).rps);
    counting = false;
    counted += Number(perRound);
  }
  agent.destroy();
  // The same parse, hot: the same response object again and again.
  const calls = 20_000;
  for (let i = 0; i < calls; i++) parseOssError(lastResponse);
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) parseOssError(lastResponse);
  const hotParseUs = Number(process.hrtime.bigint() - start) / 1000 / calls;
  const added = plainUs.map((plainRound, i) => steppedUs[i] - plainRound).sort((a, b) => a - b);
  plainUs.sort((a, b) => a - b);
  return {
    addedUs: added[added.length >> 1],
    steps: STEPS.map((what, i) => ({ what, us: spent[i] / 1000 / counted })),
    hotParseUs,
    plainUs: plainUs[plainUs.length >> 1],
    requests: counted,
  };
});
