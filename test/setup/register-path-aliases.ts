// jest's moduleNameMapper serves test files only; its globalSetup is loaded with Node's own
// require(), so the path aliases are registered with Node before anything else is imported.
require('../../scripts/path-aliases').registerPathAliases();
