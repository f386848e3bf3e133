// Minimal "--name value" command-line parsing shared by reference.mjs and bench.mjs.
export function parseArgs(argv, defaults, usage) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    if (!argv[i]?.startsWith('--') || !(name in defaults) || argv[i + 1] === undefined) {
      throw new Error(`unexpected argument ${argv[i]}\nusage: ${usage}`);
    }
    options[name] = typeof defaults[name] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || Number.isNaN(value)) throw new Error(`missing or invalid --${name}\nusage: ${usage}`);
  }
  return options;
}
