import { describe, expect, it } from "vitest";
import { getLocale, localeCookie } from "~/i18n/locale.server";
import { apiLocale } from "~/lib/api.server";

describe("language", () => {
  it("pages are Chinese by default, even for an English browser, until the user chooses English", async () => {
    const englishBrowser = new Request("http://localhost/", { headers: { "Accept-Language": "en-US,en;q=0.9" } });
    expect(await getLocale(englishBrowser)).toBe("zh-CN");
    const chose = new Request("http://localhost/", { headers: { Cookie: await localeCookie.serialize("en") } });
    expect(await getLocale(chose)).toBe("en");
    const forged = new Request("http://localhost/", { headers: { Cookie: await localeCookie.serialize("fr") } });
    expect(await getLocale(forged)).toBe("zh-CN");
  });

  it("the API follows Accept-Language", () => {
    expect(apiLocale(new Request("http://localhost/", { headers: { "Accept-Language": "en" } }))).toBe("en");
    expect(apiLocale(new Request("http://localhost/"))).toBe("zh-CN");
  });
});
