import { execFile } from 'node:child_process';

/**
 * The text of each page of a PDF, read by pdf-parse (Mozilla's pdf.js). It runs in a plain Node
 * child process: pdf.js loads its worker with a dynamic import, which jest's module registry
 * refuses without --experimental-vm-modules.
 */
export function pdfPages(bytes: Buffer): Promise<string[]> {
  const entry = require.resolve('pdf-parse');
  const script = `
    const { PDFParse } = require(${JSON.stringify(entry)});
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      try {
        const result = await parser.getText();
        process.stdout.write(JSON.stringify(result.pages.map((p) => p.text)));
      } finally {
        await parser.destroy();
      }
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`pdf-parse failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as string[]);
    });
    child.stdin!.end(bytes);
  });
}
