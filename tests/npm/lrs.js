// SPDX-License-Identifier: GPL-3.0-or-later
// lrs.js - Learning Locker's statements service (npm xapi-statements) as
// a learning record store for the tests: on 127.0.0.1 only, with its
// in-memory models, test authentication and no events service, and its
// statements kept in a file so that it can be killed and started again
// with what it had acknowledged.
//
// usage: node tests/npm/lrs.js DIR [PORT]   (the tools in build/npm)
//
// DIR holds its storage, its logs and state.json, the statements it has
// stored, written before it answers any request that changed them (as a
// database commits before it replies). PORT 0 or none: one the system
// picks. Prints "listening PORT" once it takes requests. The statements
// resource is http://127.0.0.1:PORT/data/xAPI/statements.
//
// For the tests of what a sender does when the store dies: with
// LRS_DIE_AFTER=N set, the Nth request that stores statements stores them
// and then kills the process before it answers. With LRS_VOLATILE=1 the
// statements are not kept in the file (for the benchmark, where writing
// the whole store after each batch would be most of what is measured).
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const tools = path.join(__dirname, '..', '..', 'build', 'npm', 'node_modules');
const dir = path.resolve(process.argv[2] || '.');
const port = Number(process.argv[3] || 0);
const stateFile = path.join(dir, 'state.json');
fs.mkdirSync(path.join(dir, 'storage'), { recursive: true });
fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });

Object.assign(process.env, {
	MODELS_REPO: 'memory',
	STORAGE_REPO: 'local',
	AUTH_REPO: 'test',
	EVENTS_REPO: 'test',
	FS_LOCAL_STORAGE_DIR: path.join(dir, 'storage'),
	EXPRESS_MORGAN_DIRECTORY: path.join(dir, 'logs'),
	EXPRESS_PORT: String(port),
	WINSTON_CONSOLE_LEVEL: 'error',
	SERVICE_AWAIT_UPDATES: 'true',
});
process.chdir(dir); // dotenv reads a .env here, and there is none

// ---- the statements, kept in state.json ----

let state = null; // the memory models' state, once the service makes it

// Dates as {"$date": ISO}, so that they come back as Dates
const volatile = process.env.LRS_VOLATILE === '1';

function save() {
	if (!state || volatile)
		return;
	const text = JSON.stringify(state, function (key, value) {
		const raw = this[key];
		return raw instanceof Date ? { $date: raw.toISOString() } : value;
	});
	fs.writeFileSync(stateFile + '.new', text);
	fs.renameSync(stateFile + '.new', stateFile);
}

function load(into) {
	if (!fs.existsSync(stateFile))
		return;
	const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8'), (key, value) =>
		value && typeof value === 'object' && typeof value.$date === 'string' &&
		Object.keys(value).length === 1 ? new Date(value.$date) : value);
	Object.assign(into, saved);
}

const models = require(path.join(tools, 'xapi-statements/dist/repo/modelsRepo/facade'));
const makeModels = models.default;
models.default = (config) => {
	if (config.memory && config.memory.state) {
		state = config.memory.state;
		load(state);
	}
	return makeModels(config);
};

// ---- answers: saved first, and the planned death ----

let writes = 0;
const dieAfter = Number(process.env.LRS_DIE_AFTER || 0);
const writeHead = http.ServerResponse.prototype.writeHead;
http.ServerResponse.prototype.writeHead = function (...args) {
	const method = this.req && this.req.method;
	if (method === 'POST' || method === 'PUT') {
		save();
		if (this.statusCode < 300 && ++writes === dieAfter) {
			process.stderr.write(`lrs: dying after request ${writes}, stored, not answered\n`);
			process.kill(process.pid, 'SIGKILL');
		}
	}
	return writeHead.apply(this, args);
};

// ---- 127.0.0.1 only ----

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (_port, ...rest) {
	const done = typeof rest[rest.length - 1] === 'function' ? rest.pop() : null;
	return listen.call(this, port, '127.0.0.1', () => {
		process.stdout.write(`listening ${this.address().port}\n`);
		if (done)
			done();
	});
};

require(path.join(tools, 'xapi-statements/dist/server'));
