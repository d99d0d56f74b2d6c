"""Individual plans in the browser: the social worker of "Danė" sees on her home page a review that is overdue,
writes an IPP for a client (needs, a goal with its target date and how success is judged, an action), records
the client's agreement and a review rating the goal, and reads the first revision; the plan on a 360 px phone.
axe-core on every page."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the centre "Danė"
CLIENTS = "/m/klaipeda/clients/"


def _submit(page: Any) -> None:
    # Until the new page loads: after the click, the page may still show the form it was sent from.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _follow(page: Any, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()


def test_a_social_worker_writes_an_ipp_with_a_goal_and_records_a_review(browser: Any, server: str) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/")
    reminder = page.locator("main a[href*='/individual-plans/']", has_text="Genovaitė Kazlauskienė")
    assert reminder.count() == 1  # the demo keeps her review overdue
    problems += axe_violations(page)

    page.goto(server + CLIENTS + "?query=zemaitis+antanas")
    _follow(page, "main table tbody a")
    _follow(page, "main a[href*='/individual-plans/client/']")  # the record's "Individual plans"
    problems += axe_violations(page)
    _follow(page, "main a[href$='/new/']")
    problems += axe_violations(page)
    page.fill("#id_needs", "Gyvena vienas, po insulto sunku apsipirkti ir gaminti maistą.")
    _submit(page)
    assert "/individual-plans/" in page.url
    problems += axe_violations(page)

    _follow(page, "main a[href$='/goals/new/']")
    _submit(page)  # nothing filled in: the messages beside the fields
    assert page.locator("#id_title_error").is_visible()
    problems += axe_violations(page)
    page.fill("#id_title", "Pačiam apsipirkti artimiausioje parduotuvėje")
    page.fill("#id_target_on", "2027-06-30")
    page.fill("#id_success_measure", "Kartą per savaitę apsiperka be palydos.")
    _submit(page)
    _follow(page, "main a[href*='/actions/new/']")
    problems += axe_violations(page)
    page.fill("#id_what", "Lydėti į parduotuvę ir mokyti sudaryti pirkinių sąrašą")
    page.fill("#id_who", "Socialinė darbuotoja")
    page.fill("#id_when", "Antradieniais")
    _submit(page)
    assert "Antradieniais" in page.locator("main").inner_text()

    _follow(page, "main a[href$='/agreement/']")
    problems += axe_violations(page)
    page.locator("label[for=id_way_0]").click()  # signed by the client
    _submit(page)
    _follow(page, "main a[href$='/reviews/new/']")
    problems += axe_violations(page)
    page.locator("main input[type=radio][name^=rating_]").nth(2).check()  # partly achieved
    page.fill("#id_summary", "Apsiperka su palyda, sąrašą sudaro pats.")
    _submit(page)
    main = page.locator("main").inner_text()
    assert "Apsiperka su palyda, sąrašą sudaro pats." in main
    assert "3/5" in main
    problems += axe_violations(page)
    plan = page.url

    _follow(page, "main a[href$='/revisions/1/']")
    assert "Pačiam apsipirkti artimiausioje parduotuvėje" in page.locator("main").inner_text()
    problems += axe_violations(page)
    page.context.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(phone, server, WORKER, DEMO_PASSWORD)
    phone.goto(plan)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems += axe_violations(phone)
    phone.context.close()
    assert not problems, "\n".join(problems)
