/** Strings of the notes panel. */
import type { Lang } from '../i18n.ts';

const vi = {
	title: 'Ghi chú',
	none: 'Chưa có ghi chú.',
	add: 'Thêm ghi chú',
	placeholder: 'Ghi chú ngắn (chữ thường, tối đa 1.000 ký tự)',
	save: 'Lưu',
	edit: 'Sửa',
	cancel: 'Hủy',
	edited: 'đã sửa',
	history: 'Lịch sử sửa',
	failed: 'Không lưu được ghi chú'
};
const en: typeof vi = {
	title: 'Notes',
	none: 'No notes yet.',
	add: 'Add a note',
	placeholder: 'A short note (plain text, at most 1,000 characters)',
	save: 'Save',
	edit: 'Edit',
	cancel: 'Cancel',
	edited: 'edited',
	history: 'Earlier versions',
	failed: 'Could not save the note'
};
export const NOTE_STRINGS: Record<Lang, typeof vi> = { vi, en };
export type NoteStrings = typeof vi;
