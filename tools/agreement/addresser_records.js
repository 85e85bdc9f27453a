// Reads one US address a line on standard input and prints, for each, the record the npm package
// addresser (1.1.22) makes of it through its own parseAddress, as one line of JSON: the library's object
// as it returns it (addressLine1, addressLine2, placeName, stateAbbreviation, zipCode, ...). A line the
// library refuses (it throws) prints null. Called once for all pairs by tools/agreement/addresses.py
// --reference addresser --addresser-dir DIR, where DIR is a folder in which `npm install addresser@1.1.22`
// was run; see that file's docstring. The folder is the first argument; without it, node's own module
// search finds the package.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const addresser = require(dir ? path.resolve(dir, 'node_modules', 'addresser') : 'addresser');

const lines = fs.readFileSync(0, 'utf8').split('\n');
if (lines[lines.length - 1] === '') {
  lines.pop();
}
const out = lines.map((line) => {
  try {
    return JSON.stringify(addresser.parseAddress(line));
  } catch (e) {
    return 'null';
  }
});
process.stdout.write(out.map((l) => l + '\n').join(''));
