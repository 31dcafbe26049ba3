import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"Noto Sans SC"', '"Noto Sans CJK SC"', '"PingFang SC"', '"Microsoft YaHei"', "system-ui", "sans-serif"],
      },
      colors: {
        brand: { 50: "#eef6ff", 100: "#d9eaff", 500: "#2f6fde", 600: "#1f5bc4", 700: "#1a4a9e", 900: "#12305f" },
      },
    },
  },
  plugins: [],
} satisfies Config;
