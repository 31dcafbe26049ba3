export const auth = {
  "auth.title": ["登录", "Sign in"],
  "auth.subtitle": ["使用公司邮箱和密码登录", "Sign in with your work e-mail and password"],
  "auth.email": ["电子邮箱", "E-mail"],
  "auth.password": ["密码", "Password"],
  "auth.submit": ["登录", "Sign in"],
  "auth.invalid": ["邮箱或密码不正确。", "The e-mail or password is not correct."],
  "auth.rateLimited": ["登录失败次数过多，请 15 分钟后再试。", "Too many failed attempts. Try again in 15 minutes."],
  "auth.demoHint": ["演示账号见 README（密码均为 demo1234）", "Demo accounts are listed in the README (password demo1234)"],
  "auth.externalHint": ["监理、建设单位和设计单位通过邮件中的链接签署，无需账号。", "Supervisors, clients and designers sign through the link in their e-mail; no account needed."],
} as const satisfies Record<string, readonly [string, string]>;
