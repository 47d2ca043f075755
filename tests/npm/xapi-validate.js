// SPDX-License-Identifier: GPL-3.0-or-later
// xapi-validate.js - runs xAPI statements through Learning Locker's
// validator (@learninglocker/xapi-validation, the one its LRS uses), then
// checks what must hold across them and what rapport promises of its own.
//
// usage: node tests/npm/xapi-validate.js FILE...   (the tools in build/npm)
//
// Each FILE holds a JSON array of statements, as `rapport export --format
// xapi` writes it. Prints one line per problem (FILE[INDEX] PATH: what)
// and a last line "N statements, N problems"; exits 1 on any problem.
'use strict';

const fs = require('fs');
const path = require('path');
const tools = path.join(__dirname, '..', '..', 'build', 'npm', 'node_modules');
const validate = require(path.join(tools, '@learninglocker/xapi-validation')).default;

const problems = [];
const typeOf = new Map(); // activity id -> [type, where first seen]
let count = 0;

function say(where, path, what) {
	problems.push(`${where} ${path}: ${what}`);
}

// one type per activity id, across every file given
function noteType(where, activity) {
	const type = activity && activity.definition && activity.definition.type;
	if (!type)
		return;
	const seen = typeOf.get(activity.id);
	if (!seen)
		typeOf.set(activity.id, [type, where]);
	else if (seen[0] !== type)
		say(where, activity.id, `typed ${type}, but ${seen[0]} at ${seen[1]}`);
}

// a number an LRS shows: at most six decimal places, no float noise
function tidy(n) {
	return Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-6 * Math.max(1, Math.abs(n));
}

function rapportRules(where, s) {
	const score = s.result && s.result.score;
	if (score) {
		for (const k of ['scaled', 'raw', 'min', 'max'])
			if (k in score && !tidy(score[k]))
				say(where, `result.score.${k}`, `${score[k]} is not rounded`);
		if ('raw' in score && score.max > 0 &&
		    Math.abs(score.scaled - score.raw / score.max) > 5e-7)
			say(where, 'result.score.scaled',
			    `${score.scaled} is not raw/max (${score.raw}/${score.max})`);
	}
	if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s.timestamp || ''))
		say(where, 'timestamp', `${s.timestamp} is not UTC to the millisecond`);
	const d = s.object && s.object.definition;
	if (d && d.type === 'http://adlnet.gov/expapi/activities/cmi.interaction') {
		const name = d.name && Object.values(d.name)[0];
		if (!name || s.object.id.endsWith('/' + encodeURIComponent(name)))
			say(where, 'object.definition.name', `${name} is an id, not a name`);
	}
	const r = s.result && s.result.response;
	if (typeof r === 'string' && d && d.interactionType === 'fill-in' &&
	    (r.includes('[,]') || r.startsWith('{')))
		say(where, 'result.response', `${JSON.stringify(r)} reads as xAPI notation`);
}

for (const file of process.argv.slice(2)) {
	let list;
	try {
		list = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		say(file, '', `not JSON: ${e.message}`);
		continue;
	}
	if (!Array.isArray(list)) {
		say(file, '', 'not an array of statements');
		continue;
	}
	const ids = new Set();
	list.forEach((s, i) => {
		const where = `${file}[${i}]`;
		count++;
		for (const w of validate(s))
			say(where, w.path.slice(1).join('.'),
			    `${w.constructor.name} (${JSON.stringify(w.data)})`);
		if (ids.has(s.id))
			say(where, 'id', `${s.id} comes twice in one batch`);
		ids.add(s.id);
		noteType(where, s.object);
		const acts = (s.context && s.context.contextActivities) || {};
		for (const k of Object.keys(acts))
			for (const a of acts[k])
				noteType(where, a);
		rapportRules(where, s);
	});
}
for (const p of problems.slice(0, 50))
	console.log(p);
console.log(`${count} statements, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
