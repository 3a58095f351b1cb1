def test_it_lists_people_who_consent_to_publishing_the_address(client, alice, bob, facility):
    body = client.get("/facilities/sizo-1-test/").content.decode()
    assert "Алиса Андреева" in body
    assert "Борис" not in body
    assert "ул. Тестовая" in body


def test_it_hides_people_without_address_consent(client, alice):
    alice.consent_publish_address = False
    alice.save()
    assert "Алиса" not in client.get("/facilities/sizo-1-test/").content.decode()


def test_it_lists_facilities_with_aliases(client, facility):
    facility.aliases.create(name="Testyrka")
    body = client.get("/facilities/").content.decode()
    assert "SIZO-1 Testgrad" in body and "Testyrka" in body
