// SPDX-License-Identifier: GPL-3.0-or-later
// compare.js - parses a GIFT file with the npm gift-pegjs parser and
// prints its questions as JSON, text folded as rapport folds it, for
// tests/e2e/86-gift.py to compare with rapport's reader.
//
// usage: node tests/gift/compare.js FILE   (the tools in build/npm)
'use strict';
const fs = require('fs');
const path = require('path');
const gift = require(path.join(__dirname, '..', '..', 'build', 'npm', 'node_modules', 'gift-pegjs'));

function fold(t) {
	return t && typeof t.text === 'string' ? Object.assign({}, t, { text: t.text.replace(/\s+/g, ' ').trim() }) : t;
}
try {
	const out = gift.parse(fs.readFileSync(process.argv[2], 'utf8')).map((q) => {
		const o = Object.assign({}, q);
		delete o.id;
		delete o.tags;
		for (const k of ['stem', 'globalFeedback', 'trueFeedback', 'falseFeedback'])
			if (k in o)
				o[k] = fold(o[k]);
		if (Array.isArray(o.choices))
			o.choices = o.choices.map((c) => Object.assign({}, c, { text: fold(c.text), feedback: fold(c.feedback) }));
		if (o.matchPairs)
			o.matchPairs = o.matchPairs.map((m) => ({ subquestion: fold(m.subquestion), subanswer: m.subanswer.replace(/\s+/g, ' ').trim() }));
		if (o.title)
			o.title = o.title.replace(/\s+/g, ' ').trim();
		return o;
	});
	console.log(JSON.stringify(out));
} catch (e) {
	console.log(JSON.stringify({ error: e.message, line: e.location && e.location.start.line,
		column: e.location && e.location.start.column }));
}
