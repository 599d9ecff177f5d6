"""Part 4 of the window test, on the demo database, as the chef des ventes: the Bloctel file
imported in Réglages → Confidentialité (dry run, then for real), the badge on a customer, the
contact page with its probable duplicate, their merge; then a phone campaign's call logged as
« Intéressé », which becomes a lead. The CLI reads back what the window stored."""
import json
import os
import shutil
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from test_window import DEMO_USER, Window, by_id, cli


def national(e164):
    return "0" + e164[3:]


def contacts_and_campaigns():
    # A demo customer, and the same person typed again as a prospect under another number.
    customer = cli("customers", "list", "--search", "D10003", "--json")["items"][0]
    first, last = customer["name"].split(" ", 1)[1].split(" ", 1)
    site = cli("call", "meta")["sites"][0]["id"]
    typed = cli("call", "lead_create", json.dumps({
        "contact": {"first_name": first, "last_name": last.upper(), "phone": "06 98 12 34 56", "email": "double.e2e@exemple.fr"},
        "kind": "VO", "source": "Showroom", "site_id": site}))
    campaign = cli("campaigns", "list", "--json")[0]
    call = next(c for c in cli("campaigns", "calls", str(campaign["id"]), "--to-call", "--json") if not c["blocked"] and c["outcome"] is None)
    folder = tempfile.mkdtemp(prefix="carnet-bloctel-")
    bloctel = os.path.join(folder, "bloctel-retour.csv")
    with open(bloctel, "w", encoding="utf-8") as f:
        f.write(f"Numéro;Date\n{national(customer['phone'])};02/11/2026\n0611111111\n")
    w = Window()
    try:
        w.sign_in(DEMO_USER)
        w.signed_in_as("Sandrine Morel")

        # Réglages → Confidentialité → Liste Bloctel: the file checked, then imported.
        w.click("nav-settings")
        w.click("settings-tab-privacy")
        w.el("bloctel")
        w.el("bloctel-file").send_keys(bloctel)
        preview = w.text("bloctel-preview")
        assert "2" in preview, preview
        w.shot("17-bloctel-preview")
        w.click("bloctel-import")
        w.el("bloctel-done")
        w.wait.until(lambda d: "bloctel-retour.csv" in d.find_element(*by_id("bloctel-status")).text, "status never updated")
        w.shot("18-bloctel-imported")

        # Clients → the customer: Bloctel badge, and the prospect as a probable duplicate.
        w.click("nav-clients")
        w.el("customers-page")
        w.type("customer-search", customer["customer_code"])
        w.click_css(f'[data-testid="customer-row"][data-id="{customer["contact_id"]}"] td')
        w.el("customer-file")
        w.el("bloctel-badge")
        w.click_css(f'[data-testid="duplicate"][data-id="{typed["contact"]["id"]}"] [data-testid="duplicate-merge"]')
        w.el("merge-dialog")
        w.wait_attr("merge-side", "data-kept", "true")
        w.shot("19-merge-dialog")
        w.click("merge-confirm")
        w.el("merge-report")
        w.shot("20-merge-done")

        # Campagnes → the demo's renewal campaign: a call logged « Intéressé » becomes a lead.
        w.click("customer-dialog-close")
        w.wait.until(EC.invisibility_of_element_located(by_id("customer-dialog")))
        w.click("nav-campaigns")
        w.el("campaigns-page")
        w.click_css(f'[data-testid="campaign-row"][data-id="{campaign["id"]}"] [data-testid="campaign-open"]')
        w.el("campaign-detail")
        w.click_css(f'[data-testid="call-actions"][data-id="{call["id"]}"] [data-testid="log-interesse"]')
        lead_code = w.text("call-lead-created").split()[-1]
        assert lead_code.startswith("L-"), lead_code
        w.shot("21-campaign-call")
    except Exception:
        print("last click error:", getattr(w, "last_click_error", None))
        w.shot("failure-contacts")
        raise
    finally:
        w.driver.quit()
        shutil.rmtree(folder, ignore_errors=True)

    status = cli("bloctel", "status", "--json")
    assert (status["numbers"], status["file_name"]) == (2, "bloctel-retour.csv"), status
    lead = cli("leads", "show", typed["code"], "--json")
    assert lead["contact"]["id"] == customer["contact_id"], lead["contact"]
    assert lead["contact"]["bloctel"] is True
    assert any(e["kind"] == "contacts_merged" for e in lead["events"]), [e["kind"] for e in lead["events"]]
    logged = next(c for c in cli("campaigns", "calls", str(campaign["id"]), "--json") if c["id"] == call["id"])
    assert (logged["outcome"], logged["lead_code"]) == ("interesse", lead_code), logged
    assert cli("leads", "show", lead_code, "--json")["source"] == f"Campagne « {campaign['name']} »"
    print("window: part 4 passed (Bloctel, contact page, merge, campaign call)")
