/** Strings of the sign-in page: Vietnamese first, English on `?lang=en` (its refusals are in forms.ts). */
import type { Lang } from '../i18n.ts';

const vi = {
	title: 'Đăng nhập',
	tagline: 'Giám sát trực tiếp bộ phận một cửa',
	username: 'Tên đăng nhập',
	password: 'Mật khẩu',
	submit: 'Đăng nhập'
};

export type LoginStrings = typeof vi;

const en: LoginStrings = {
	title: 'Sign in',
	tagline: 'Live supervision of the one-stop counters',
	username: 'Username',
	password: 'Password',
	submit: 'Sign in'
};

export const LOGIN_STRINGS: Record<Lang, LoginStrings> = { vi, en };
