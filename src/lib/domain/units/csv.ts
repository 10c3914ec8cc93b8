/**
 * A small RFC 4180 reader: quoted fields (with delimiters, doubled quotes and
 * line breaks inside), CRLF / LF / CR line ends. Each record remembers the
 * 1-based physical line it starts on, so errors can point into the file.
 */

export type CsvRecord = { line: number; fields: string[] };
export type CsvReadResult = {
	records: CsvRecord[];
	/** The first quoting error; reading stops there, `records` holds what came before. */
	error: { line: number; message: string } | null;
};

/** Strip a leading UTF-8 byte-order mark. */
export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The delimiter of a file: a comma, unless the first non-blank line has no
 * comma but has semicolons (Excel in a locale with decimal commas) or tabs.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
	const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
	if (first.includes(',')) return ',';
	if (first.includes(';')) return ';';
	if (first.includes('\t')) return '\t';
	return ',';
}

export function readCsvRecords(text: string, delimiter: string = ','): CsvReadResult {
	const records: CsvRecord[] = [];
	const n = text.length;
	let i = 0;
	let line = 1;
	const isEnd = (c: string | undefined) => c === undefined || c === '\n' || c === '\r';

	while (i < n) {
		const start = line;
		const fields: string[] = [];
		for (;;) {
			let field = '';
			if (text[i] === '"') {
				const quoteLine = line;
				i++;
				let closed = false;
				while (i < n) {
					const c = text[i];
					if (c === '"') {
						if (text[i + 1] === '"') {
							field += '"';
							i += 2;
							continue;
						}
						i++;
						closed = true;
						break;
					}
					if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
					field += c;
					i++;
				}
				if (!closed)
					return { records, error: { line: quoteLine, message: 'unterminated quoted field' } };
				if (!isEnd(text[i]) && text[i] !== delimiter) {
					return { records, error: { line, message: 'unexpected text after a closing quote' } };
				}
			} else {
				while (!isEnd(text[i]) && text[i] !== delimiter) field += text[i++];
			}
			fields.push(field);
			if (text[i] === delimiter) {
				i++;
				continue;
			}
			if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
			else if (text[i] === '\n') i++;
			line++;
			break;
		}
		records.push({ line: start, fields });
	}
	return { records, error: null };
}
