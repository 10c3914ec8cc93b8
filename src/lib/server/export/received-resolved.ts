/** CSV (UTF-8 with BOM) and XLSX (laid out like form II.06a, merged headings) of the supervision table. */
import ExcelJS from 'exceljs';
import { csvLine } from '../../domain/text/csv-cell.ts';
import { FORM_COLUMNS } from '../../domain/report/columns.ts';
import type { ReceivedResolved } from '../queries/received-resolved.ts';

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function toCsv(t: ReceivedResolved): string {
	const header = [
		'Mã đơn vị',
		'Đơn vị',
		...FORM_COLUMNS.map((c) => (c.group === c.heading ? c.heading : `${c.group} - ${c.heading}`))
	];
	const lines = [csvLine(header)];
	for (const r of t.rows)
		lines.push(
			csvLine([
				r.unit,
				r.own ? `${r.name} (bộ phận một cửa của đơn vị)` : r.name,
				...FORM_COLUMNS.map((c) => c.value(r))
			])
		);
	lines.push(csvLine(['', 'Tổng cộng', ...FORM_COLUMNS.map((c) => c.value(t.total))]));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function toXlsx(t: ReceivedResolved): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Một Cửa Live';
	const ws = wb.addWorksheet('II.06a', {
		pageSetup: {
			orientation: 'landscape',
			paperSize: 9,
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0
		}
	});
	const n = FORM_COLUMNS.length + 2;
	ws.mergeCells(1, 1, 1, n);
	ws.getCell(1, 1).value = `TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — ${t.name}`;
	ws.mergeCells(2, 1, 2, n);
	ws.getCell(2, 1).value = `Kỳ báo cáo: từ ${dmy(t.from)} đến ${dmy(t.to)}`;
	// Headings on rows 4–5: the unit columns span both rows, each group spans its columns.
	ws.mergeCells(4, 1, 5, 1);
	ws.getCell(4, 1).value = 'STT';
	ws.mergeCells(4, 2, 5, 2);
	ws.getCell(4, 2).value = 'Đơn vị';
	let col = 3;
	for (let i = 0; i < FORM_COLUMNS.length;) {
		const group = FORM_COLUMNS[i].group;
		let j = i;
		while (j < FORM_COLUMNS.length && FORM_COLUMNS[j].group === group) j++;
		if (j - i === 1 && FORM_COLUMNS[i].heading === group) {
			ws.mergeCells(4, col, 5, col);
			ws.getCell(4, col).value = group;
		} else {
			ws.mergeCells(4, col, 4, col + (j - i) - 1);
			ws.getCell(4, col).value = group;
			for (let k = i; k < j; k++) ws.getCell(5, col + k - i).value = FORM_COLUMNS[k].heading;
		}
		col += j - i;
		i = j;
	}
	ws.getCell(6, 1).value = '(1)';
	ws.getCell(6, 2).value = '(2)';
	FORM_COLUMNS.forEach((_, i) => (ws.getCell(6, 3 + i).value = `(${i + 3})`));
	let row = 7;
	t.rows.forEach((r, i) => {
		ws.getRow(row).values = [
			i + 1,
			r.own ? `${r.name} (bộ phận một cửa của đơn vị)` : r.name,
			...FORM_COLUMNS.map((c) => c.value(r))
		];
		row++;
	});
	ws.getRow(row).values = ['', 'Tổng cộng', ...FORM_COLUMNS.map((c) => c.value(t.total))];
	ws.getRow(row).font = { bold: true };
	for (let r = 4; r <= row; r++)
		for (let c = 1; c <= n; c++) {
			const cell = ws.getCell(r, c);
			cell.border = {
				top: { style: 'thin' },
				left: { style: 'thin' },
				bottom: { style: 'thin' },
				right: { style: 'thin' }
			};
			if (r <= 6) cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
		}
	[4, 5].forEach((r) => (ws.getRow(r).font = { bold: true }));
	ws.getRow(1).font = { bold: true, size: 13 };
	ws.getColumn(1).width = 5;
	ws.getColumn(2).width = 34;
	for (let c = 3; c <= n; c++) ws.getColumn(c).width = 11;
	return Buffer.from(await wb.xlsx.writeBuffer());
}
