// Validates each OpenAPI document named on the command line with @apidevtools/swagger-parser
// (schema of the OpenAPI version, then every $ref resolved); prints one line per document.
const SwaggerParser = require("@apidevtools/swagger-parser");

(async () => {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    try {
      await SwaggerParser.validate(file);
      console.log(`swagger-parser: ${file} is valid`);
    } catch (e) {
      failed++;
      console.error(`swagger-parser: ${file} is not valid: ${e.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
})();
