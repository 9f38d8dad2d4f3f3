import { leadFromAdf } from "@/lib/leads/adf";
import { leadFromForm, parseLead } from "@/lib/leads/input";

test("a dealer form's field names and the lead's own come out the same; unknown and prototype names are dropped", () => {
  const dealer = leadFromForm(
    new URLSearchParams(
      "client_first_name=Jan&client_phone=600100200&utm_source=otomoto&consent_sms=1&key=tajny&__proto__=x&constructor=y",
    ),
  );
  const own = leadFromForm(new URLSearchParams("firstName=Jan&phone=600100200&utmSource=otomoto&consents.sms=1"));
  expect(dealer).toEqual({ firstName: "Jan", phone: "600100200", utmSource: "otomoto", consents: { sms: "1" } });
  expect(own).toEqual(dealer);
  expect(Object.getPrototypeOf(dealer)).toBe(Object.prototype);
});

test("a lead is normalised: E.164 phone, lower-case e-mail, trimmed names, consents as booleans", () => {
  expect(
    parseLead({
      firstName: "  Jan ",
      phone: "600 100 200",
      email: "Jan@Example.PL",
      consents: { phone: true, sms: "0", email: "tak" },
    }),
  ).toEqual({
    lead: {
      firstName: "Jan",
      phone: "+48600100200",
      email: "jan@example.pl",
      consents: { phone: true, sms: false, email: true },
    },
  });
});

test("a message may span lines; a name may not hold a line break or a control character", () => {
  expect(parseLead({ phone: "600100200", message: "a\nb\tc" })).toMatchObject({ lead: { message: "a\nb\tc" } });
  expect(parseLead({ phone: "600100200", lastName: "a\nb" })).toEqual({ errors: { lastName: [expect.any(String)] } });
  expect(parseLead({ phone: "600100200", message: "a\u0000b" })).toEqual({ errors: { message: [expect.any(String)] } });
});

test("ADF: names by part or in full, the vehicle, the id; entities other than the five predefined stay as written", () => {
  const xml = `<adf><prospect><id>7</id><vehicle><make>Kia</make><model>Ceed</model></vehicle>
    <customer><contact><name part="full">Anna Maria Lis</name><email>a@b.pl</email></contact>
    <comments>A &amp; B &#x41; &nbsp;</comments></customer></prospect></adf>`;
  expect(leadFromAdf(xml)).toEqual({
    firstName: "Anna",
    lastName: "Maria Lis",
    email: "a@b.pl",
    brand: "Kia",
    model: "Ceed",
    message: "A & B A &nbsp;",
    externalId: "7",
  });
  expect(leadFromAdf("<adf><prospect>")).toBeNull();
  expect(leadFromAdf("<other/>")).toBeNull();
  expect(leadFromAdf('<!DOCTYPE adf SYSTEM "http://x/adf.dtd"><adf><prospect/></adf>')).toBeNull();
});
