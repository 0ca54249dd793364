// Runs every *.test.js file here in order with node's built-in test runner and prints one line per
// test; exits non-zero on any failure. Usage: node run.js [filter]
'use strict';
const { run } = require('node:test');
const { spec } = require('node:test/reporters');
const fs = require('fs');
const path = require('path');

const filter = process.argv[2] || '';
const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js') && f.includes(filter))
  .sort().map(f => path.join(__dirname, f));
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 10 * 60 * 1000 });
stream.on('test:fail', ev => { if (ev.details && ev.nesting === 0) failed++; });
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => { process.exitCode = failed ? 1 : 0; });
