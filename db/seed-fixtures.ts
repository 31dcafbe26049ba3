/** Demo people and companies for a first run (README lists the sign-ins). Password: demo1234. */
export const DEMO_PASSWORD = "demo1234";

export const DEMO_COMPANIES = {
  own: { kind: "own", name: "英德环境科技有限公司", phone: "400-832-0089", address: "广东省英德市经济开发区" },
  client: { kind: "client", name: "华南置业发展有限公司", phone: "020-3888 6600", address: "广州市天河区珠江新城华夏路 10 号" },
  client2: { kind: "client", name: "岭南实验学校", phone: "020-8123 4567", address: "广州市海珠区新港中路 88 号" },
  supervision: { kind: "supervision", name: "广州建诚工程监理有限公司", phone: "020-3722 1188", address: "广州市越秀区东风中路 300 号" },
  design: { kind: "design", name: "华南建筑设计研究院有限公司", phone: "020-8765 4321", address: "广州市海珠区江南大道 100 号" },
  installerA: { kind: "installer", name: "广州恒通机电安装工程有限公司", phone: "020-3100 2200", address: "广州市白云区机场路 1 号" },
  installerB: { kind: "installer", name: "佛山顺达暖通工程有限公司", phone: "0757-8200 3300", address: "佛山市顺德区大良街道" },
  installerC: { kind: "installer", name: "东莞鑫源净化设备安装有限公司", phone: "0769-2200 4400", address: "东莞市南城街道" },
  installerD: { kind: "installer", name: "清远安居新风系统工程部", phone: "0763-3300 5500", address: "清远市清城区" },
} as const;

export type DemoCompanyKey = keyof typeof DEMO_COMPANIES;

export const DEMO_CONTACTS: { company: DemoCompanyKey; name: string; title: string; phone: string; email: string }[] = [
  { company: "client", name: "刘建国", title: "甲方代表", phone: "13800138001", email: "liu.jianguo@client.demo.cn" },
  { company: "client2", name: "黄丽", title: "后勤主任", phone: "13800138002", email: "huang.li@school.demo.cn" },
  { company: "supervision", name: "张宏伟", title: "总监理工程师", phone: "13800138003", email: "zhang.hongwei@jiancheng.demo.cn" },
  { company: "design", name: "周敏", title: "暖通设计负责人", phone: "13800138004", email: "zhou.min@design.demo.cn" },
  { company: "installerA", name: "赵志强", title: "施工队长", phone: "13800138005", email: "zhao@hengtong.demo.cn" },
  { company: "installerB", name: "钱永", title: "项目经理", phone: "13800138006", email: "qian@shunda.demo.cn" },
  { company: "installerC", name: "孙海", title: "经理", phone: "13800138007", email: "sun@xinyuan.demo.cn" },
  { company: "installerD", name: "李安", title: "负责人", phone: "13800138008", email: "li@anju.demo.cn" },
];

export const DEMO_USERS = [
  { key: "pm", email: "pm@demo.cn", name: "王晓东", roles: ["pm"], company: "own" },
  { key: "pm2", email: "pm2@demo.cn", name: "李建华", roles: ["pm"], company: "own" },
  { key: "management", email: "management@demo.cn", name: "陈国强", roles: ["management"], company: "own" },
  { key: "finance", email: "finance@demo.cn", name: "孙丽娟", roles: ["finance"], company: "own" },
  { key: "service", email: "service@demo.cn", name: "吴思远", roles: ["service"], company: "own" },
  { key: "admin", email: "admin@demo.cn", name: "系统管理员", roles: ["admin"], company: "own" },
  { key: "supervisor", email: "supervisor@demo.cn", name: "张宏伟", roles: ["supervisor"], company: "supervision" },
  { key: "client", email: "client@demo.cn", name: "刘建国", roles: ["client"], company: "client" },
  { key: "designer", email: "designer@demo.cn", name: "周敏", roles: ["designer"], company: "design" },
  { key: "vendor", email: "vendor@demo.cn", name: "赵志强", roles: ["vendor"], company: "installerA" },
] as const;

export type DemoUserKey = (typeof DEMO_USERS)[number]["key"];

/** A one-page PDF standing in for a scanned contract. */
export const DEMO_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
